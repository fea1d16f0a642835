import { useEffect, useState } from 'react';
import { useBackend } from './api/BackendContext';
import type { ConnectionState } from './api/wsTransport';
import { AddFilesButton } from './import/AddFilesButton';
import { ZoneSwitch } from './timezone/ZoneSwitch';
import { ThemeSwitch } from './theme/ThemeSwitch';

interface Props {
  caseOpen: boolean;
  onFiles(files: File[]): void;
  onPaths(paths: string[]): void;
  notesOpen: boolean;
  onToggleNotes(): void;
  viewsOpen: boolean;
  onToggleViews(): void;
  sqlOpen: boolean;
  onToggleSql(): void;
  findingsOpen?: boolean;
  onToggleFindings?(): void;
  onReport?(): void;
}

export function AppHeader({
  caseOpen,
  onFiles,
  onPaths,
  notesOpen,
  onToggleNotes,
  viewsOpen,
  onToggleViews,
  sqlOpen,
  onToggleSql,
  findingsOpen,
  onToggleFindings,
  onReport,
}: Props) {
  const backend = useBackend();
  const [conn, setConn] = useState<ConnectionState>(backend.connection());
  useEffect(() => {
    const off = backend.onConnection(setConn);
    // The socket may have opened between the first render and this subscription.
    setConn(backend.connection());
    return off;
  }, [backend]);
  return (
    <header className="app-header">
      <span className="brand">AuditDesk</span>
      <span className="tagline">offline audit log investigation</span>
      <span className="spacer" />
      {conn !== 'open' && (
        <span className="conn" data-testid="connection-state">
          {conn === 'connecting' ? 'connecting…' : 'disconnected, retrying…'}
        </span>
      )}
      <ZoneSwitch />
      <ThemeSwitch />
      {caseOpen && (
        <button aria-pressed={notesOpen} data-testid="notes-toggle" onClick={onToggleNotes} title="Bookmarks, tags and notes (Alt+L)">
          Notes
        </button>
      )}
      {caseOpen && (
        <button aria-pressed={viewsOpen} data-testid="views-toggle" onClick={onToggleViews} title="Saved views and columns (Alt+V)">
          Views
        </button>
      )}
      {caseOpen && (
        <button aria-pressed={sqlOpen} data-testid="sql-toggle" onClick={onToggleSql} title="Read-only SQL console (Alt+Q)">
          SQL
        </button>
      )}
      {caseOpen && onToggleFindings && (
        <button aria-pressed={findingsOpen} data-testid="findings-toggle" onClick={onToggleFindings} title="Detection rules and their findings (Alt+D)">
          Findings
        </button>
      )}
      {caseOpen && onReport && (
        <button data-testid="report-open" onClick={onReport} title="Incident report: one HTML file with its evidence export">
          Report
        </button>
      )}
      <AddFilesButton disabled={!caseOpen} onFiles={onFiles} onPaths={onPaths} />
    </header>
  );
}
