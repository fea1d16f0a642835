// Loaded on first use only (dynamic import), so the timeline paints without monaco's weight.
// Workers come from our own bundle (vite ?worker), never from a CDN loader.
// The full entry, not editor.api + the JSON contribution: JSON's lazily loaded mode pulls in editor
// contributions whose services must be registered before the first editor is created, or monaco
// throws "depends on UNKNOWN service" when the next editor is made.
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { onThemeChange } from '../theme/theme';
import { monacoTheme } from '../theme/monacoTheme';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

export { monaco };

/** Monaco's theme is global: every editor follows the app's colour scheme, also when it changes. */
monaco.editor.setTheme(monacoTheme());
onThemeChange(() => monaco.editor.setTheme(monacoTheme()));
