// How a source record becomes model fields: a reviewable, savable list of source paths per field.
//
// Path notation (same as test/fixtures/corpus/SOURCES.md): `a.b.c` nested keys; `a[0]` an array
// element; `a[]` the first element that has a value; `a[name=X].value` the element whose `name` is X;
// `a->b` JSON-decode the string in `a`, then read `b`; `["key.with.dots"]` a key containing dots.
// CSV rows are objects keyed by header (or `col1`, `col2`, ... without a header).
import type { MappedField, Outcome } from './event';

export type FieldPaths = Partial<Record<MappedField, string[]>>;

export interface Mapping {
  /** Vendor id (a folder of src/main/vendors) or an inferred source name. */
  vendor: string;
  /** For each model field, candidate paths in order: the first that yields a value wins. */
  fields: FieldPaths;
  /** Where this mapping came from: a built-in vendor descriptor, inference, or a user's save. */
  origin: 'descriptor' | 'inferred' | 'saved';
  /** Fingerprint of the record shape this mapping was made for (lets a save apply to the next file). */
  shapeKey: string;
  /** 0..1 per field for inferred mappings, so the UI can point at the guesses worth checking. */
  confidence?: Partial<Record<MappedField, number>>;
  /** The signature (signatures.json id) the records were recognised by; stays when the vendor is renamed. */
  signature?: string;
  /** Per field, code → label (Bitwarden's numeric event types): events show the label, raw records keep the code. */
  lookups?: Partial<Record<MappedField, Record<string, string>>>;
  /** Raw action codes a vendor documents as how the action ended (Bitwarden 1005 "failed log-in"). */
  actionOutcomes?: { pattern: string; outcome: Outcome }[];
  /** Sign-in events without an actor: where the person signing in is (a target-user field). */
  signInUser?: string[];
}

/** What the UI shows for review: the mapping and a few sample values per field. */
export interface MappingReview {
  sourceId: number;
  mapping: Mapping;
  /** The product the records were recognised as (signature library), for the reader. */
  product?: string;
  /** Every path seen in the sampled records, with one example value (for the "source field" picker). */
  paths: { path: string; example: string }[];
  samples: { field: MappedField; values: string[] }[];
}
