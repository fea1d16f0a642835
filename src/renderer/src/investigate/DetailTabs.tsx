// Tabs of the event panel: the record, its trace, its before/after and its target's history.
// Alt+1..4 switch from anywhere, so the timeline keeps the focus while investigating.
import { useEffect } from 'react';

export type DetailTab = 'record' | 'trace' | 'diff' | 'history';

interface Props {
  tab: DetailTab;
  onTab(t: DetailTab): void;
  hasDiff: boolean;
  hasTarget: boolean;
}

export function DetailTabs({ tab, onTab, hasDiff, hasTarget }: Props) {
  const tabs: { id: DetailTab; label: string; enabled: boolean }[] = [
    { id: 'record', label: 'Record', enabled: true },
    { id: 'trace', label: 'Trace', enabled: true },
    { id: 'diff', label: 'Before/after', enabled: hasDiff },
    { id: 'history', label: 'History', enabled: hasTarget },
  ];
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const t = tabs[Number(e.key) - 1];
      if (!t?.enabled) return;
      e.preventDefault();
      onTab(t.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  // A tab that does not apply to the next event falls back to the record.
  useEffect(() => {
    if ((tab === 'diff' && !hasDiff) || (tab === 'history' && !hasTarget)) onTab('record');
  }, [tab, hasDiff, hasTarget, onTab]);
  return (
    <div className="detail-tabs" role="tablist">
      {tabs.map((t, i) => (
        <button
          key={t.id}
          role="tab"
          aria-selected={tab === t.id}
          disabled={!t.enabled}
          data-testid={`tab-${t.id}`}
          onClick={() => onTab(t.id)}
          title={`Alt+${i + 1}`}
        >
          {t.label}
          <kbd>{i + 1}</kbd>
        </button>
      ))}
    </div>
  );
}
