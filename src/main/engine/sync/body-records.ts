// The records of one API response, each with its exact text from the body (evidence stays
// byte-exact). The array is found by the descriptor's recordsKey, or, where the vendor's document
// shows no body, by the same envelope rule file import uses.
import { chooseEnvelope } from '../import/envelope';
import { ByteSource } from '../import/input';
import { outlineDocument } from '../import/json-outline';
import { readJsonElements } from '../import/json-reader';
import type { RecordError, SourceRecord } from '../import/source-record';

/** A response body served to the file readers as if it were a file. */
class BodySource extends ByteSource {
  constructor(private readonly body: Buffer) {
    super('(response body)', false);
  }

  override async *chunks(): AsyncGenerator<Buffer> {
    yield this.body;
  }
}

export interface BodyRecords {
  records: SourceRecord[];
  errors: RecordError[];
  /** The parsed document, for paging fields (total, hasMore, next token). */
  doc: unknown;
  /** Key path of the records array ([] = the body is the array). */
  path: string[];
}

export class BodyError extends Error {}

export async function bodyRecords(body: Buffer, recordsKey: string | undefined): Promise<BodyRecords> {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new BodyError(`response is not valid JSON (${(e as Error).message}; ${body.length} bytes)`);
  }
  let path: string[] | null;
  if (Array.isArray(doc)) path = [];
  else if (doc === null || typeof doc !== 'object') throw new BodyError('response is not a JSON object or array');
  else if (recordsKey !== undefined) path = recordsKey === '' ? [] : recordsKey.split('.');
  else path = chooseEnvelope(await outlineDocument(new BodySource(body)));
  if (path === null) throw new BodyError('cannot find the records array in the response');
  let target: unknown = doc;
  for (const k of path) target = (target as Record<string, unknown> | null)?.[k];
  if (!Array.isArray(target)) throw new BodyError(`response has no records array at "${path.join('.')}"`);
  const records: SourceRecord[] = [];
  const errors: RecordError[] = [];
  if (target.length > 0) {
    for await (const batch of readJsonElements(new BodySource(body), path, 1 << 30)) {
      records.push(...batch.records);
      errors.push(...batch.errors);
    }
  }
  return { records, errors, doc, path };
}

/** A value at a dotted path of the parsed response. */
export function at(doc: unknown, dotted: string | undefined): unknown {
  if (!dotted) return undefined;
  let v: unknown = doc;
  for (const k of dotted.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}
