// "Sync sources": add a vendor API source, run it with a progress bar, cancel it, run it again for
// what is new, and read each run's completeness report. The token goes to the engine's memory only.
import { useCallback, useEffect, useState } from 'react';
import type { SyncProgress, SyncReport, SyncSettings, SyncSourceInfo, SyncVendorInfo } from '../../../shared/sync';
import { plainHttpWarning } from '../../../shared/sync-transport';
import { useBackend, useHostEvent } from '../api/BackendContext';
import { errorMessage } from '../util/format';
import { SyncReportView } from './SyncReportView';

interface Running {
  jobId: string;
  source: string;
  progress: SyncProgress | null;
  started: number;
}

function parseFilters(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`filter "${part}" is not NAME=VALUE`);
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export function SyncPanel({ onSynced }: { onSynced(): void }) {
  const { api } = useBackend();
  const [sources, setSources] = useState<SyncSourceInfo[]>([]);
  // The vendors and the settings each needs come from the engine (the vendor descriptors).
  const [vendors, setVendors] = useState<SyncVendorInfo[]>([]);
  const [form, setForm] = useState({ vendor: '', baseUrl: '', token: '', since: '', filters: '', name: '', allowHttp: false });
  const [params, setParams] = useState<Record<string, string>>({});
  const [running, setRunning] = useState<Running | null>(null);
  const [report, setReport] = useState<SyncReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.syncSources().then(setSources, () => setSources([]));
  }, [api]);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    api.syncVendors().then(setVendors, (e) => setError(errorMessage(e)));
  }, [api]);

  useHostEvent((e) => {
    if (e.type === 'syncProgress') setRunning((r) => (r && r.jobId === e.jobId ? { ...r, progress: e.progress } : r));
    if (e.type === 'caseChanged') refresh();
  });

  const start = (settings: SyncSettings, token?: string) => {
    const jobId = `sync-ui-${Date.now().toString(36)}`;
    setError(null);
    setReport(null);
    setRunning({ jobId, source: settings.name || settings.baseUrl, progress: null, started: Date.now() });
    api
      .runSync({ settings, token, jobId })
      .then(setReport, (e) => setError(errorMessage(e)))
      .finally(() => {
        setRunning(null);
        refresh();
        onSynced();
      });
  };

  const submit = (ev: React.FormEvent) => {
    ev.preventDefault();
    let filters: Record<string, string>;
    try {
      filters = parseFilters(form.filters);
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    const given = Object.fromEntries((vendor?.params ?? []).map((p) => [p.name, (params[p.name] ?? '').trim()]).filter(([, v]) => v));
    const settings: SyncSettings = {
      vendor: vendor?.vendor ?? '',
      baseUrl: form.baseUrl.trim(),
      ...(form.name.trim() ? { name: form.name.trim() } : {}),
      ...(Object.keys(given).length ? { params: given } : {}),
      ...(form.since.trim() ? { since: form.since.trim() } : {}),
      ...(Object.keys(filters).length ? { filters } : {}),
      ...(form.allowHttp && clearText ? { allowHttp: true } : {}),
    };
    const token = form.token;
    // The token leaves the form as soon as it is handed to the engine.
    setForm((f) => ({ ...f, token: '' }));
    start(settings, token || undefined);
  };

  const vendor = vendors.find((v) => v.vendor === form.vendor) ?? vendors[0];
  const clearText = plainHttpWarning(form.baseUrl);
  const p = running?.progress;
  const secs = running ? Math.max(1, (Date.now() - running.started) / 1000) : 1;
  const rate = p ? p.received / secs : 0;
  const pct = p?.expectedTotal ? Math.min(100, (100 * p.received) / p.expectedTotal) : null;
  const eta = p?.expectedTotal && rate > 0 ? Math.max(0, (p.expectedTotal - p.received) / rate) : null;
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));

  return (
    <details className="sync-panel" data-testid="sync-panel">
      <summary data-testid="sync-toggle">Sync sources{sources.length ? ` (${sources.length})` : ''}</summary>
      <form className="sync-form" onSubmit={submit} data-testid="sync-form">
        <label>
          Vendor
          <select value={vendor?.vendor ?? ''} onChange={set('vendor')} data-testid="sync-vendor">
            {vendors.map((v) => (
              <option key={v.vendor} value={v.vendor}>
                {v.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          Base URL
          <input required value={form.baseUrl} onChange={set('baseUrl')} placeholder="https://api.example.com" data-testid="sync-base-url" />
        </label>
        {clearText && (
          <div className="form-error" role="alert" data-testid="sync-http-warning">
            {clearText}. The engine refuses it unless you allow it:
            <label>
              <input
                type="checkbox"
                checked={form.allowHttp}
                onChange={(e) => setForm((f) => ({ ...f, allowHttp: e.target.checked }))}
                data-testid="sync-allow-http"
              />
              send the token without encryption anyway
            </label>
          </div>
        )}
        {vendor?.params.map((p) => (
          <label key={p.name} title={p.description}>
            {p.label}
            <input
              required
              value={params[p.name] ?? ''}
              onChange={(e) => setParams((ps) => ({ ...ps, [p.name]: e.target.value }))}
              data-testid={`sync-param-${p.name}`}
            />
          </label>
        ))}
        <label>
          API token
          <input type="password" autoComplete="off" value={form.token} onChange={set('token')} data-testid="sync-token" />
        </label>
        <label>
          Since
          <input value={form.since} onChange={set('since')} placeholder="2026-03-01" data-testid="sync-since" />
        </label>
        <label>
          Filters
          <input value={form.filters} onChange={set('filters')} placeholder="action=DELETE, actor=alice" data-testid="sync-filters" />
        </label>
        <label>
          Name
          <input value={form.name} onChange={set('name')} placeholder="(vendor host)" data-testid="sync-name" />
        </label>
        <button type="submit" disabled={running !== null || !vendor} data-testid="sync-run">
          Add and sync
        </button>
      </form>
      {running && (
        <div className="job" data-testid="sync-progress">
          <span className="job-file">{running.source}</span>
          <div className={pct === null ? 'bar indeterminate' : 'bar'} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined}>
            <div style={pct === null ? undefined : { width: `${pct}%` }} />
          </div>
          <span className="job-stats mono">
            {p
              ? `${p.pages} pages · ${p.received} events (${p.new} new) · ${rate.toFixed(0)}/s${eta !== null ? ` · ETA ${eta.toFixed(0)} s` : ''}${p.retries ? ` · ${p.retries} retries` : ''}`
              : 'connecting…'}
          </span>
          <button type="button" onClick={() => api.cancelJob({ jobId: running.jobId })} data-testid="sync-cancel">
            Cancel
          </button>
        </div>
      )}
      {error && (
        <div className="form-error" role="alert" data-testid="sync-error">
          {error}
        </div>
      )}
      {report && <SyncReportView report={report} />}
      {sources.length > 0 && (
        <table className="sync-sources" data-testid="sync-sources">
          <thead>
            <tr>
              <th>Source</th>
              <th>Vendor</th>
              <th>Newest stored</th>
              <th>Last run</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.name} data-testid="sync-source">
                <td>{s.name}</td>
                <td>{s.settings.vendor}</td>
                <td className="mono">{s.newest ?? '—'}</td>
                <td>
                  {s.interrupted ? 'interrupted: next run resumes' : s.lastReport ? `${s.lastReport.new} new of ${s.lastReport.received} received` : '—'}
                  {s.lastReport?.error ? ` · ${s.lastReport.error}` : ''}
                </td>
                <td>
                  <button
                    type="button"
                    disabled={running !== null || (!s.hasToken && !form.token)}
                    title={s.hasToken ? 'Fetch what is new' : 'Enter the token above first'}
                    onClick={() => {
                      const token = form.token || undefined;
                      setForm((f) => ({ ...f, token: '' }));
                      start(s.settings, token);
                    }}
                    data-testid="sync-again"
                  >
                    {s.interrupted ? 'Resume' : 'Sync again'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
