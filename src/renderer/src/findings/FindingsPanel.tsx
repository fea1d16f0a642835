// Side panel of detection findings: the last run of the Sigma rules kept in the case (or a new run),
// each rule with its level and hit count; a rule with hits puts a `finding` chip on the timeline, so
// its events can be tagged and exported like any filter. Toggled with the Findings button or Alt+D.
import { useState } from 'react';
import type { DetectResult, RuleFinding } from '../../../shared/detect';
import { useBackend } from '../api/BackendContext';
import { useApiCall } from '../investigate/useApiCall';
import { errorMessage, fmtCount } from '../util/format';
import './findings.css';

interface Props {
  revision: number;
  active: string;
  onFilter(rule: RuleFinding): void;
  onClose(): void;
}

export function FindingsPanel({ revision, active, onFilter, onClose }: Props) {
  const { api } = useBackend();
  const [ran, setRan] = useState<DetectResult | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showSkipped, setShowSkipped] = useState(false);
  const last = useApiCall(() => api.lastDetect(), [api, revision]);
  const result = ran ?? last.data;

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setRan(await api.detect({}));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  const hit = result?.rules.filter((r) => r.hits > 0) ?? [];
  const quiet = result?.rules.filter((r) => !r.skipped && r.hits === 0).length ?? 0;
  const skipped = result?.rules.filter((r) => r.skipped) ?? [];

  return (
    <aside className="annotations-panel findings-panel" data-testid="findings-panel" aria-label="Detection findings">
      <header>
        <b>Findings</b>
        <span className="spacer" />
        <button onClick={() => void run()} disabled={running} data-testid="run-rules" title="Run the bundled Sigma rules over the case">
          {running ? 'Running…' : result ? 'Run again' : 'Run rules'}
        </button>
        <button className="icon" onClick={onClose} title="Close (Alt+D)" aria-label="Close findings">
          ×
        </button>
      </header>
      {(error ?? last.error) && <div className="form-error">{error ?? last.error}</div>}
      {!result && !running && !last.loading && <p className="muted small find-note">Detection rules have not been run on this case yet.</p>}
      {result && (
        <p className="muted small find-note" data-testid="findings-summary">
          {hit.length} of {result.rules.length - skipped.length} rules matched in {fmtCount(result.events)} events (
          {new Date(result.ranAt).toISOString().slice(0, 16).replace('T', ' ')} UTC)
        </p>
      )}
      <ul className="ann-list">
        {hit.map((r) => (
          <li key={r.id}>
            <button
              className={`ann-item${active === r.id ? ' active' : ''}`}
              data-testid="finding"
              data-id={r.id}
              data-hits={r.hits}
              aria-pressed={active === r.id}
              onClick={() => onFilter(r)}
              title={`Show the ${r.hits} matching events on the timeline (${r.file})`}
            >
              <span className="find-line">
                <span className={`level level-${r.level || 'none'}`}>{r.level || 'no level'}</span>
                <span className="find-title">{r.title}</span>
                <span className="find-hits mono">{fmtCount(r.hits)}</span>
              </span>
              <span className="muted small">by {r.author || 'unknown author'}</span>
            </button>
          </li>
        ))}
      </ul>
      {result && (
        <div className="find-foot small">
          <span className="muted">{quiet} rules without matches. </span>
          {skipped.length > 0 && (
            <button className="linkish" data-testid="skipped-toggle" onClick={() => setShowSkipped((v) => !v)}>
              {skipped.length} skipped {showSkipped ? '▴' : '▾'}
            </button>
          )}
          {showSkipped && (
            <ul className="find-skipped" data-testid="skipped-rules">
              {skipped.map((r) => (
                <li key={r.file}>
                  <b>{r.title}</b>: {r.skipped}
                </li>
              ))}
            </ul>
          )}
          <p className="muted">Bundled rules: SigmaHQ, Detection Rule License 1.1.</p>
        </div>
      )}
    </aside>
  );
}
