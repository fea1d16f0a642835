// One GET of a list page with the token, retried with capped exponential backoff on what a retry can
// fix (429, 5xx, timeouts, cut-off or invalid bodies). 401/403 stop at once. Error messages name the
// source and the token-free URL and never carry the token: it only ever goes into the header.
import { BodyError, bodyRecords, type BodyRecords } from './body-records';
import { SyncLimitError, readCapped } from './capped-body';
import { authHeader } from './auth-header';
import type { SyncAuth } from '../../../shared/sync';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  /** Waits; injectable so tests run without real delays. */
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  timeoutMs: 30_000,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** The server refused the token: retrying cannot help. */
export class SyncAuthError extends Error {}
/** Retries ran out, or the answer can never be read. */
export class SyncFetchError extends Error {}

export interface PageFetch {
  url: URL;
  token: string;
  /** How the token is sent (the vendor's descriptor). */
  auth: SyncAuth;
  recordsKey: string | undefined;
  /** For messages: "<source> page N". */
  label: string;
  policy: RetryPolicy;
  /** Cap on the body's size, in bytes. */
  maxBytes: number;
  onRetry: (why: string, delayMs: number) => void;
  isCancelled: () => boolean;
}

const RETRY_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

export async function getPage(f: PageFetch): Promise<BodyRecords> {
  let last = '';
  const [authName, authValue] = authHeader(f.auth, f.token);
  for (let attempt = 0; attempt < f.policy.attempts; attempt++) {
    if (f.isCancelled()) throw new SyncFetchError(`${f.label}: cancelled`);
    let waitHint: number | null = null;
    try {
      const res = await fetch(f.url, {
        headers: { [authName]: authValue, accept: 'application/json' },
        // A redirect could lead anywhere: requests go only to the base URL the user entered.
        redirect: 'manual',
        signal: AbortSignal.timeout(f.policy.timeoutMs),
      });
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        throw new SyncAuthError(
          `${f.label}: the server refused the token (HTTP ${res.status} ${res.statusText || (res.status === 401 ? 'Unauthorized' : 'Forbidden')}) at ${f.url}; ` +
            'check the token and its scope. Pages already stored are kept; the next run resumes here.',
        );
      }
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel();
        throw new SyncFetchError(
          `${f.label}: the server redirected (HTTP ${res.status}) away from ${f.url}; not followed (sync talks only to the base URL given)`,
        );
      }
      if (RETRY_STATUS.has(res.status)) {
        await res.body?.cancel();
        waitHint = retryAfterMs(res.headers.get('retry-after'));
        last = `HTTP ${res.status}`;
      } else if (!res.ok) {
        await res.body?.cancel();
        throw new SyncFetchError(`${f.label}: HTTP ${res.status} ${res.statusText} from ${f.url}`);
      } else {
        const body = await readCapped(
          res,
          f.maxBytes,
          () =>
            new SyncLimitError(
              `${f.label}: the response from ${f.url} is larger than the page size limit of ${f.maxBytes} bytes; stopped reading it. ` +
                'Pages already stored are kept; raise the page size limit to resume here.',
              'page-bytes',
              f.maxBytes,
            ),
        );
        return await bodyRecords(body, f.recordsKey);
      }
    } catch (e) {
      if (e instanceof SyncAuthError || e instanceof SyncFetchError || e instanceof SyncLimitError) throw e;
      // Network errors, timeouts, bodies cut off mid-transfer, and invalid JSON are worth another try.
      const err = e as Error & { cause?: Error };
      last =
        e instanceof BodyError
          ? err.message
          : err.name === 'TimeoutError'
            ? `no answer within ${f.policy.timeoutMs} ms`
            : `${err.message}${err.cause ? ` (${err.cause.message})` : ''}`;
      // Never let a message carry the token, whatever a lower layer put in it.
      last = last.split(f.token).join('(token)');
    }
    if (attempt === f.policy.attempts - 1) break;
    const backoff = Math.min(f.policy.maxDelayMs, f.policy.baseDelayMs * 2 ** attempt);
    // The server's Retry-After wins (capped, so a hostile value cannot park the sync for days).
    const delay = waitHint != null ? Math.min(waitHint, f.policy.maxDelayMs * 5) : backoff;
    f.onRetry(last, delay);
    await f.policy.sleep(delay);
  }
  throw new SyncFetchError(
    `${f.label}: gave up after ${f.policy.attempts} attempts at ${f.url}: ${last}. Pages already stored are kept; the next run resumes here.`,
  );
}
