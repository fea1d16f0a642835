// The second line of a search result row: the raw record around its first hit, hits highlighted.
import type { ReactElement } from 'react';
import type { Highlight } from '../../../shared/search';

export function MatchLine({ text, hits }: { text: string; hits: Highlight[] }) {
  const parts: ReactElement[] = [];
  let at = 0;
  hits.forEach((h, i) => {
    if (h.start > at) parts.push(<span key={`t${i}`}>{text.slice(at, h.start)}</span>);
    parts.push(<mark key={`m${i}`}>{text.slice(h.start, h.end)}</mark>);
    at = h.end;
  });
  if (at < text.length) parts.push(<span key="rest">{text.slice(at)}</span>);
  return (
    <span className="match-line mono" data-testid="match-line" title={text}>
      {parts}
    </span>
  );
}
