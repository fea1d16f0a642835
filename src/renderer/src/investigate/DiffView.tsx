// Before/after of one event: a monaco diff editor of the two states and the list of changed paths.
import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import type { ChangedPath } from '../../../shared/investigate';
import { useBackend } from '../api/BackendContext';
import { useApiCall } from './useApiCall';
import './investigate.css';

let loading: Promise<typeof Monaco> | null = null;
const loadMonaco = () => (loading ??= import('../detail/monacoSetup').then((m) => m.monaco));

const pretty = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v, null, 2));

export function DiffView({ id }: { id: string }) {
  const { api } = useBackend();
  const { data, error, loading: busy } = useApiCall(() => api.eventDiff({ id }), [api, id]);
  if (error)
    return (
      <div className="form-error" role="alert">
        {error}
      </div>
    );
  if (!data) return <div className="muted pad">{busy ? 'Loading…' : ''}</div>;
  return (
    <div className="diff" data-testid="diff">
      <div className="diff-editor">
        <div className="section-title">
          Before <span className="muted">→</span> after
        </div>
        <MonacoDiff before={pretty(data.before)} after={pretty(data.after)} />
      </div>
      <div className="diff-side">
        <div className="section-title">Changed paths ({data.changes.length})</div>
        <ChangedPathList changes={data.changes} />
      </div>
    </div>
  );
}

export function ChangedPathList({ changes }: { changes: ChangedPath[] }) {
  if (!changes.length) return <div className="muted small">no differences</div>;
  return (
    <ul className="changes" data-testid="changed-paths">
      {changes.map((c) => (
        <li key={`${c.kind}:${c.path}`} className={`change change-${c.kind}`} data-kind={c.kind} data-path={c.path}>
          <span className="change-kind">{c.kind}</span> <span className="mono">{c.path}</span>
          <div className="mono small change-values">
            {c.kind !== 'added' && <span className="change-before">{short(c.before)}</span>}
            {c.kind === 'changed' && <span className="muted"> → </span>}
            {c.kind !== 'removed' && <span className="change-after">{short(c.after)}</span>}
          </div>
        </li>
      ))}
    </ul>
  );
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

export function MonacoDiff({ before, after }: { before: string; after: string }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Monaco.editor.IStandaloneDiffEditor | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const latest = useRef({ before, after });
  latest.current = { before, after };

  useEffect(() => {
    let disposed = false;
    loadMonaco()
      .then((monaco) => {
        if (disposed || !host.current) return;
        const ed = monaco.editor.createDiffEditor(host.current, {
          readOnly: true,
          originalEditable: false,
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontSize: 12,
          renderSideBySide: true,
          useInlineViewWhenSpaceIsLimited: false,
          contextmenu: false,
        });
        ed.setModel({
          original: monaco.editor.createModel(latest.current.before, 'json'),
          modified: monaco.editor.createModel(latest.current.after, 'json'),
        });
        editor.current = ed;
      })
      .catch((e: unknown) => setFailed(String(e)));
    return () => {
      disposed = true;
      const ed = editor.current;
      editor.current = null;
      const m = ed?.getModel();
      ed?.dispose();
      m?.original.dispose();
      m?.modified.dispose();
    };
  }, []);

  useEffect(() => {
    const m = editor.current?.getModel();
    if (!m) return;
    if (m.original.getValue() !== before) m.original.setValue(before);
    if (m.modified.getValue() !== after) m.modified.setValue(after);
  }, [before, after]);

  if (failed) return <pre className="raw-fallback">{`${before}\n----\n${after}`}</pre>;
  return <div className="monaco-host" ref={host} data-testid="monaco-diff" />;
}
