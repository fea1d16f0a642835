// Bookmarks, tags and notes an investigator puts on events. They are stored in the case next to the
// events (never inside a raw record) and filter the timeline through EventQuery.tag/bookmarked/noted.
import type { EventRow } from './event';

export interface EventAnnotations {
  id: string;
  bookmarked: boolean;
  /** Sorted. */
  tags: string[];
  note: string | null;
}

/** A change to one event's annotations; fields left out stay as they are, note '' or null removes it. */
export interface AnnotationChange {
  id: string;
  bookmarked?: boolean;
  addTags?: string[];
  removeTags?: string[];
  note?: string | null;
}

export interface AnnotatedEvent extends EventAnnotations {
  event: EventRow;
  /** Latest time any of its annotations changed (UTC ISO). */
  updatedAt: string;
}

export interface AnnotationFilter {
  /** Case-insensitive substring of a tag, the note, or the event's actor/action/target. */
  text?: string;
  tag?: string;
  kind?: 'bookmark' | 'tag' | 'note';
  limit?: number;
}

export interface AnnotationList {
  /** Most recently annotated first. */
  events: AnnotatedEvent[];
  /** Annotated events matching the filter (events holds at most the limit). */
  total: number;
  /** Every tag in the case with how many events carry it, most used first. */
  tags: { tag: string; count: number }[];
}

export const MAX_TAG_LENGTH = 64;
export const MAX_NOTE_LENGTH = 20_000;

/** A tag as stored: trimmed, inner whitespace kept; throws a message for the user when it cannot be one. */
export function normaliseTag(tag: string): string {
  const t = tag.trim();
  if (!t) throw new Error('a tag cannot be empty');
  if (t.length > MAX_TAG_LENGTH) throw new Error(`a tag is at most ${MAX_TAG_LENGTH} characters ("${t.slice(0, 20)}…")`);
  if (/[\u0000-\u001f\u007f]/.test(t)) throw new Error('a tag cannot contain control characters');
  return t;
}
