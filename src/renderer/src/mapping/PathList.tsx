// Source paths for one model field, in order (the first that yields a value wins). Inputs are
// combo boxes over the paths seen in the samples, and still accept any path the notation allows.
import { useEffect, useRef, useState } from 'react';

interface Props {
  field: string;
  paths: string[];
  listId: string;
  /** Example value per known path, shown next to the input so a wrong pick is visible at once. */
  examples: Map<string, string>;
  onChange(paths: string[]): void;
}

export function PathList({ field, paths, listId, examples, onChange }: Props) {
  const listRef = useRef<HTMLDivElement>(null);
  // "+ path" adds an empty input to type into, so the focus goes there (mouse or keyboard).
  const [added, setAdded] = useState(0);
  useEffect(() => {
    if (added) [...(listRef.current?.querySelectorAll('input') ?? [])].pop()?.focus();
  }, [added]);
  const set = (i: number, v: string) => onChange(paths.map((p, j) => (j === i ? v : p)));
  const remove = (i: number) => onChange(paths.filter((_, j) => j !== i));
  const up = (i: number) => {
    if (i === 0) return;
    const next = [...paths];
    [next[i - 1], next[i]] = [next[i], next[i - 1]];
    onChange(next);
  };
  return (
    <div ref={listRef} className="path-list" data-testid={`mapping-paths-${field}`}>
      {paths.map((p, i) => (
        <div key={i} className="path-item">
          <input
            className="mono"
            list={listId}
            value={p}
            placeholder="source path"
            onChange={(e) => set(i, e.target.value)}
            spellCheck={false}
            data-testid="mapping-path-input"
          />
          <button className="icon" onClick={() => up(i)} disabled={i === 0} title="Try this path earlier">
            ↑
          </button>
          <button className="icon" onClick={() => remove(i)} title="Remove this path">
            ×
          </button>
          <span className="path-example mono muted" title={examples.get(p)}>
            {examples.has(p) ? `e.g. ${examples.get(p) || '""'}` : p ? 'not seen in samples' : ''}
          </span>
        </div>
      ))}
      <button
        className="link"
        onClick={() => {
          onChange([...paths, '']);
          setAdded((n) => n + 1);
        }}
        data-testid="mapping-add-path"
      >
        + path
      </button>
    </div>
  );
}
