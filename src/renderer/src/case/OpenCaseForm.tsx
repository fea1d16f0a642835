// A case is opened by its path: typed, or chosen from the recent cases or the folder picker.
import { useState, type FormEvent } from 'react';
import type { CaseInfo } from '../../../shared/contract';
import { useBackend } from '../api/BackendContext';
import { errorMessage } from '../util/format';
import { CasePicker } from './CasePicker';
import { noteOpened } from './casePicking';

interface Props {
  initialPath?: string;
  onOpened(info: CaseInfo): void;
  onCancel?: () => void;
}

export function OpenCaseForm({ initialPath = '', onOpened, onCancel }: Props) {
  const { api } = useBackend();
  const [path, setPath] = useState(initialPath);
  const [create, setCreate] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = (p: string, orCreate: boolean) => {
    setBusy(true);
    setError(null);
    api
      .openCase({ path: p, create: orCreate })
      .then((info) => {
        noteOpened(info.path);
        onOpened(info);
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) open(path.trim(), create);
  };

  return (
    <form className="open-case" onSubmit={submit} data-testid="open-case-form">
      <input
        className="open-case-path mono"
        data-testid="case-path-input"
        placeholder="/path/to/investigation.auditdesk"
        value={path}
        onChange={(e) => setPath(e.target.value)}
        autoFocus
        spellCheck={false}
      />
      <label className="check">
        <input type="checkbox" data-testid="case-create-checkbox" checked={create} onChange={(e) => setCreate(e.target.checked)} />
        create if missing
      </label>
      <button type="submit" className="primary" disabled={busy || !path.trim()} data-testid="case-open-submit">
        {busy ? 'Opening…' : 'Open'}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
      <CasePicker onOpen={(p, orCreate) => open(p, orCreate ?? false)} onFolder={(dir) => setPath(`${dir}/`)} />
      {error && (
        <div className="form-error" role="alert" data-testid="case-open-error">
          {error}
        </div>
      )}
    </form>
  );
}
