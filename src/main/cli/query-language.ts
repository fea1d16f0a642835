// `--q QUERY` on query, facets, export and trace: the query language, checked here so a syntax error is a
// usage error that points at the character, never a query silently dropped.
import { QuerySyntaxError, parseQuery } from '../../shared/ql';
import { UsageError } from './command';

/** The query text when it parses; else an error message with the query and a caret under the offset. */
export function checkedQuery(text: string): string {
  try {
    parseQuery(text);
    return text;
  } catch (e) {
    if (!(e instanceof QuerySyntaxError)) throw e;
    throw new UsageError(`--q: ${e.message}\n  ${text}\n  ${' '.repeat(e.offset)}^`);
  }
}
