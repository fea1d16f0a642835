// The raw record in a read-only monaco editor: JSON pretty-printed, anything else as plain text.
import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import { monacoTheme } from '../theme/monacoTheme';

type MonacoNs = typeof Monaco;
let loading: Promise<MonacoNs> | null = null;
function loadMonaco(): Promise<MonacoNs> {
  loading ??= import('./monacoSetup').then((m) => m.monaco);
  return loading;
}

/** Pretty JSON when the raw text is JSON, else null (CSV rows and other text). */
export function prettyJson(raw: string): string | null {
  const t = raw.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return null;
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return null;
  }
}

export function RawViewer({ raw }: { raw: string }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pretty = prettyJson(raw);
  const text = pretty ?? raw;
  const language = pretty !== null ? 'json' : 'plaintext';
  // Monaco loads asynchronously; by then the user may have moved on to another record.
  const latest = useRef({ text, language });
  latest.current = { text, language };

  useEffect(() => {
    let disposed = false;
    loadMonaco()
      .then((monaco) => {
        if (disposed || !host.current) return;
        const { text: value, language: lang } = latest.current;
        editor.current = monaco.editor.create(host.current, {
          value,
          language: lang,
          readOnly: true,
          domReadOnly: true,
          minimap: { enabled: false },
          automaticLayout: true,
          scrollBeyondLastLine: false,
          wordWrap: lang === 'plaintext' ? 'on' : 'off',
          fontSize: 12,
          lineNumbersMinChars: 3,
          folding: true,
          renderLineHighlight: 'none',
          contextmenu: false,
          theme: monacoTheme(),
        });
      })
      .catch((e: unknown) => setError(String(e)));
    return () => {
      disposed = true;
      const ed = editor.current;
      editor.current = null;
      // The editor before its model: an editor left holding a disposed model throws from its own
      // listeners as its DOM goes ("Model is disposed!").
      const model = ed?.getModel();
      ed?.dispose();
      model?.dispose();
    };
    // The editor is made once; later records go through setValue below.
  }, []);

  useEffect(() => {
    const ed = editor.current;
    const model = ed?.getModel();
    if (!ed || !model) return;
    if (model.getValue() !== text) model.setValue(text);
    void loadMonaco().then((monaco) => {
      monaco.editor.setModelLanguage(model, language);
      ed.updateOptions({ wordWrap: language === 'plaintext' ? 'on' : 'off' });
    });
  }, [text, language]);

  if (error) return <pre className="raw-fallback">{text}</pre>;
  return <div className="monaco-host" ref={host} data-testid="monaco-container" data-language={language} />;
}
