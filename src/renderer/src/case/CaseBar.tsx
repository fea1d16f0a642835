// The strip under the header: which case is open, its size, its sources (each with its mapping).
import { useState } from 'react';
import type { CaseInfo, SourceInfo } from '../../../shared/contract';
import { fmtCount } from '../util/format';
import { useDisplayZone } from '../timezone/DisplayZoneContext';
import { formatInZone, zoneLabel } from '../../../shared/display-zone';
import { OpenCaseForm } from './OpenCaseForm';

interface Props {
  info: CaseInfo | null;
  onOpened(info: CaseInfo): void;
  onMapping(source: SourceInfo): void;
}

export function CaseBar({ info, onOpened, onMapping }: Props) {
  const [opening, setOpening] = useState(false);
  const [showSources, setShowSources] = useState(false);
  const { zone } = useDisplayZone();

  if (opening || !info) {
    return (
      <div className="case-bar" data-testid="case-bar">
        {info || opening ? (
          <OpenCaseForm
            initialPath={info?.path}
            onOpened={(ci) => {
              setOpening(false);
              onOpened(ci);
            }}
            onCancel={info ? () => setOpening(false) : undefined}
          />
        ) : (
          <span className="muted">No case open</span>
        )}
      </div>
    );
  }

  return (
    <div className="case-bar" data-testid="case-bar">
      <span className="case-name" title={info.path}>
        {info.name}
      </span>
      {info.readOnly && (
        <span className="badge" data-testid="case-read-only" title="This case cannot be changed (a read-only drive or folder): search and export still work">
          read-only
        </span>
      )}
      <span className="case-path mono" data-testid="case-path" title={info.path}>
        {info.path}
      </span>
      <span className="case-stat" data-testid="case-events">
        <b>{fmtCount(info.events)}</b> events
      </span>
      {info.timeRange && (
        <span
          className="case-stat mono"
          data-testid="case-time-range"
          title={`Earliest and latest event (${zoneLabel(zone)}); UTC: ${info.timeRange.from} → ${info.timeRange.to}`}
        >
          {formatInZone(info.timeRange.from, zone)} → {formatInZone(info.timeRange.to, zone)}
        </span>
      )}
      <button className="link" onClick={() => setShowSources((s) => !s)} data-testid="sources-toggle" aria-expanded={showSources}>
        {info.sources.length} source{info.sources.length === 1 ? '' : 's'} {showSources ? '▴' : '▾'}
      </button>
      <span className="spacer" />
      <button onClick={() => setOpening(true)} data-testid="open-case-button">
        Open / create case
      </button>
      {showSources && (
        <div className="sources" data-testid="sources">
          <table className="sources-table">
            <thead>
              <tr>
                <th>Source</th>
                <th>Format</th>
                <th>Vendor</th>
                <th className="num">Events</th>
                <th>Mapping</th>
                <th>SHA-256</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {info.sources.map((s) => (
                <tr key={s.id} data-testid="source-row" data-source-id={s.id}>
                  <td title={s.path}>{s.originalName ?? s.name}</td>
                  <td>{s.format}</td>
                  <td>{s.vendor}</td>
                  <td className="num">{fmtCount(s.events)}</td>
                  <td>
                    <span className={`origin origin-${s.mappingOrigin}`}>{s.mappingOrigin}</span>
                  </td>
                  <td className="mono small" title={s.sha256}>
                    {s.sha256.slice(0, 12)}…
                  </td>
                  <td>
                    <button onClick={() => onMapping(s)} data-testid="mapping-button">
                      Mapping
                    </button>
                  </td>
                </tr>
              ))}
              {info.sources.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    No sources yet. Add files or drop them on the window.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
