// UTC / local / a chosen IANA zone for showing times (Alt+Z focuses it). An unknown zone is refused
// with a message instead of silently showing UTC.
import { useEffect, useRef, useState } from 'react';
import { isValidZone } from '../../../shared/display-zone';
import { useAltKey } from '../annotations/useAltKey';
import { useDisplayZone } from './DisplayZoneContext';

const ZONES: string[] = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];

export function ZoneSwitch() {
  const { zone, setZone } = useDisplayZone();
  const mode = zone === 'UTC' || zone === 'local' ? zone : 'zone';
  const [typed, setTyped] = useState(mode === 'zone' ? zone : '');
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useAltKey('z', () => selectRef.current?.focus());
  // Choosing "a zone…" is only half a choice: the name is typed next, so the box gets the focus.
  useEffect(() => {
    if (picking) inputRef.current?.focus();
  }, [picking]);
  const apply = (z: string) => {
    if (!isValidZone(z.trim())) {
      setError(`"${z}" is not a known time zone (IANA name, e.g. Europe/Berlin)`);
      return;
    }
    setError(null);
    setZone(z.trim());
  };
  return (
    <span className="zone-switch">
      <label className="muted small" htmlFor="zone-select">
        times in
      </label>
      <select
        id="zone-select"
        ref={selectRef}
        data-testid="zone-select"
        title="Time zone for display (Alt+Z)"
        value={picking ? 'zone' : mode}
        onChange={(e) => {
          const v = e.target.value;
          setPicking(v === 'zone');
          if (v !== 'zone') {
            // Back to UTC or local: a refused zone name no longer applies to anything shown.
            setError(null);
            setZone(v);
          }
        }}
      >
        <option value="UTC">UTC</option>
        <option value="local">local</option>
        <option value="zone">{mode === 'zone' ? zone : 'a zone…'}</option>
      </select>
      {(picking || mode === 'zone') && (
        <input
          ref={inputRef}
          className="zone-input mono"
          data-testid="zone-input"
          list="zone-names"
          placeholder="Europe/Berlin"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && apply(typed)}
          onBlur={() => typed.trim() && apply(typed)}
          aria-invalid={error !== null}
          title={error ?? 'IANA time zone; Enter applies'}
        />
      )}
      <datalist id="zone-names">
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {error && (
        <span className="zone-error" role="alert" data-testid="zone-error">
          {error}
        </span>
      )}
    </span>
  );
}
