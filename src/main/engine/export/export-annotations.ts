// The bookmarks, tags and notes an investigator put on the exported events, for the manifest: an
// auditor sees what was said about the evidence next to the evidence.
import { idsWhere, type CaseStore } from '../store/case-store';
import type { EventQuery } from '../../../shared/query';

export interface ExportAnnotations {
  tags: { event: string; tag: string }[];
  notes: { event: string; note: string }[];
  bookmarks: string[];
}

export function exportAnnotations(store: CaseStore, query: EventQuery, ids?: number[]): ExportAnnotations {
  const { sql: where, params } = ids ? idsWhere(ids) : store.where(query);
  return store.annotationsOfRows(where, params);
}
