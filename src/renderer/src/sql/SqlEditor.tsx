// The console's monaco editor (bundled, loaded on first use like the record viewer); Ctrl+Enter runs.
import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import { monacoTheme } from '../theme/monacoTheme';

type MonacoNs = typeof Monaco;
let loading: Promise<MonacoNs> | null = null;
const loadMonaco = (): Promise<MonacoNs> => (loading ??= import('../detail/monacoSetup').then((m) => m.monaco));

interface Props {
  initial: string;
  onChange(text: string): void;
  onRun(text: string): void;
  /** Set once the editor is up: puts text at the cursor (the schema browser's names) and focuses it. */
  insertRef?: { current: ((text: string) => void) | null };
}

export function SqlEditor({ initial, onChange, onRun, insertRef }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef({ initial, onChange, onRun, insertRef });
  latest.current = { initial, onChange, onRun, insertRef };

  useEffect(() => {
    let disposed = false;
    let editor: Monaco.editor.IStandaloneCodeEditor | null = null;
    loadMonaco()
      .then((monaco) => {
        if (disposed || !host.current) return;
        editor = monaco.editor.create(host.current, {
          value: latest.current.initial,
          language: 'sql',
          minimap: { enabled: false },
          automaticLayout: true,
          scrollBeyondLastLine: false,
          fontSize: 12.5,
          lineNumbersMinChars: 2,
          renderLineHighlight: 'none',
          contextmenu: false,
          // Typed quotes and brackets stay as typed: SQL pasted or typed reads the same.
          autoClosingBrackets: 'never',
          autoClosingQuotes: 'never',
          // Tab moves the focus on, so the console stays keyboard-navigable.
          tabFocusMode: true,
          ariaLabel: 'SQL statement (Ctrl+Enter runs it)',
          theme: monacoTheme(),
        });
        const ed = editor;
        ed.onDidChangeModelContent(() => latest.current.onChange(ed.getValue()));
        ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onRun(ed.getValue()));
        const target = latest.current.insertRef;
        if (target)
          target.current = (t) => {
            ed.executeEdits('schema', [{ range: ed.getSelection() ?? new monaco.Range(1, 1, 1, 1), text: t, forceMoveMarkers: true }]);
            ed.focus();
          };
        ed.focus();
      })
      .catch((e: unknown) => setError(String(e)));
    return () => {
      disposed = true;
      // The editor before its model: an editor left holding a disposed model throws from its own
      // listeners as its DOM goes ("Model is disposed!").
      const model = editor?.getModel();
      editor?.dispose();
      model?.dispose();
    };
  }, []);

  if (error) return <div className="form-error">Could not load the editor: {error}</div>;
  return <div className="sql-editor" ref={host} data-testid="sql-editor" />;
}
