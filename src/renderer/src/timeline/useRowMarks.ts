// Bookmarks, tags and notes of the case, by event id, for the markers on rows. The annotations list
// is small next to the events (people annotate by hand), so it is read whole, again on every change.
import { useEffect, useState } from 'react';
import type { AuditDeskApi } from '../../../shared/contract';
import type { RowMark } from './TimelineRow';

export function useRowMarks(api: AuditDeskApi, revision: number): Map<string, RowMark> {
  const [marks, setMarks] = useState<Map<string, RowMark>>(new Map());
  useEffect(() => {
    let live = true;
    api
      .listAnnotations({ limit: 5000 })
      .then((list) => live && setMarks(new Map(list.events.map((e) => [e.id, { bookmarked: e.bookmarked, tags: e.tags, noted: e.note !== null }]))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, revision]);
  return marks;
}
