// Vendors say "it worked" a dozen ways: result words, booleans, HTTP and gRPC codes, an error field
// that is only there on failure. Each outcome path gets a reader chosen by its name, once.
import type { Outcome } from '../../../shared/event';
import { parsePath } from '../../../shared/mapping-paths';

export type OutcomeKind = 'error' | 'http' | 'grpc' | 'zero-ok' | 'auth0-type' | 'granted' | 'words';

const WORDS: Record<string, Outcome> = {};
function words(outcome: Outcome, list: string): void {
  for (const w of list.split(' ')) WORDS[w] = outcome;
}
words(
  'success',
  'success succeeded successful succeed ok allow allowed true pass passed complete completed done accepted granted yes loginnoerror noerror firewallreportedsuccess',
);
words(
  'failure',
  'failure failed fail error errored false fatal aborted timeout timedout credentialsfailed mfafailed modernversionfailed invalid incorrect fraud no',
);
words('denied', 'deny denied forbidden blocked unauthorized unauthorised rejected reject notallowed accessdenied');
words('warning', 'warning warn partial partialsuccess partiallysucceeded partiallysuccessful skipped');
words('pending', 'pending pendingapproval requireapproval approvalrequired started inprogress queued running challenge waiting');

function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

// Phrases and compound codes ("Wrong email or password", "credentials_failed", "LOGIN_NO_ERROR"):
// the words inside say how it ended when the whole value is no known word.
// Word edges are written out: "_" counts as a letter to \b, and codes are LOGIN_NO_ERROR, ACCESS_DENIED.
const PHRASE: [RegExp, Outcome][] = [
  [/(^|[^a-z])(no[ _-]?errors?|without errors?)([^a-z]|$)/i, 'success'],
  [/(^|[^a-z])(denied|forbidden|unauthori[sz]ed|not authori[sz]ed|not permitted|blocked)([^a-z]|$)|firewall[ _-]?failed/i, 'denied'],
  [
    /(^|[^a-z])(wrong|incorrect|invalid|bad)[ _-](user(name)?|e-?mail|password|credentials?|code|otp|token)|(^|[^a-z])(fail(ed|ure|s)?|errors?|errored)([^a-z]|$)/i,
    'failure',
  ],
  [/^(success|succeeded|successful)([^a-z]|$)/i, 'success'],
];

export function outcomeFromWord(v: unknown): Outcome {
  if (typeof v === 'boolean') return v ? 'success' : 'failure';
  if (typeof v !== 'string') return 'unknown';
  const w = WORDS[squash(v)];
  if (w) return w;
  if (v.length > 200) return 'unknown';
  for (const [re, o] of PHRASE) if (re.test(v)) return o;
  return 'unknown';
}

export function outcomeFromHttp(code: number): Outcome {
  if (code >= 200 && code < 400) return 'success';
  if (code === 401 || code === 403 || code === 407) return 'denied';
  if (code === 202) return 'pending';
  if (code >= 400 && code < 600) return 'failure';
  return 'unknown';
}

// google.rpc.Code: 0 OK, 7 PERMISSION_DENIED, 16 UNAUTHENTICATED.
function outcomeFromGrpc(code: number): Outcome {
  if (code === 0) return 'success';
  if (code === 7 || code === 16) return 'denied';
  return 'failure';
}

function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return null;
}

/** How to read the values at a path, from its last key (and its parent for `status.code`). */
export function outcomeKind(path: string, vendor: string): OutcomeKind {
  let keys: string[] = [];
  try {
    keys = parsePath(path).flatMap((s) => (s.kind === 'key' ? [s.key] : []));
  } catch {
    return 'words';
  }
  const leaf = squash(keys[keys.length - 1] ?? '');
  const parent = squash(keys[keys.length - 2] ?? '');
  if (vendor === 'auth0' && leaf === 'type') return 'auth0-type';
  if (leaf === 'granted') return 'granted';
  if (/^(error|errorcode|errormessage|errordescription|errordetails|errorreason|errors|exception|failurereason|logonerror|loginerror)$/.test(leaf))
    return 'error';
  if (leaf === 'resulttype' || leaf === 'errornumber') return 'zero-ok';
  if (/statuscode$|^httpstatus|responsecode$/.test(leaf)) return 'http';
  if (leaf === 'code' && /responsestatus|response/.test(parent)) return 'http';
  if (leaf === 'code' && parent === 'status') return 'grpc';
  return 'words';
}

/**
 * Reads one outcome value. 'weak-success' is an error field's absence: success unless something else
 * says otherwise.
 */
export function readOutcome(kind: OutcomeKind, v: unknown, present: boolean): Outcome | 'weak-success' {
  switch (kind) {
    case 'error': {
      if (!present) return 'weak-success';
      const n = asNumber(v);
      if (n === 0) return 'success';
      if (typeof v === 'string' && /^(none|success|ok|0)$/i.test(v.trim())) return 'success';
      if (typeof v === 'string' && /denied|forbidden|unauthori[sz]ed|accessdenied|notauthorized/i.test(v)) return 'denied';
      return 'failure';
    }
    case 'zero-ok': {
      const n = asNumber(v);
      if (n === null) return outcomeFromWord(v);
      return n === 0 ? 'success' : 'failure';
    }
    case 'http': {
      const n = asNumber(v);
      return n === null ? outcomeFromWord(v) : outcomeFromHttp(n);
    }
    case 'grpc': {
      const n = asNumber(v);
      return n === null ? outcomeFromWord(v) : outcomeFromGrpc(n);
    }
    case 'granted': {
      // GCP authorizationInfo[].granted: any check refused means the call was refused.
      const list = Array.isArray(v) ? v : [v];
      const flags = list.map((e) => (e && typeof e === 'object' ? (e as Record<string, unknown>).granted : e));
      if (flags.some((f) => f === false || f === 'false')) return 'denied';
      if (flags.length > 0 && flags.every((f) => f === true || f === 'true')) return 'success';
      return 'unknown';
    }
    case 'auth0-type': {
      // Auth0 log event codes: s* success, f* failure, w* warning (e.g. "fp", "seccft", "w").
      if (typeof v !== 'string' || v === '') return 'unknown';
      const c = v[0];
      return c === 's' ? 'success' : c === 'f' ? 'failure' : c === 'w' ? 'warning' : 'unknown';
    }
    case 'words': {
      if (typeof v === 'object' && v !== null) {
        // Okta outcome {result, reason}; Azure status {value, localizedValue}.
        const o = v as Record<string, unknown>;
        return outcomeFromWord(o.result ?? o.value ?? o.status ?? o.outcome ?? o.message);
      }
      const n = asNumber(v);
      if (n !== null && n >= 100 && n < 600) return outcomeFromHttp(n);
      return outcomeFromWord(v);
    }
  }
}

// "fix.failed", "sync_failed", "UserLoginFailed", "User_FailedLogIn", "failed_login": a word of
// the action name says how it went. Words are split at separators and case changes.
// One cheap test first: nearly every action name holds none of these words.
const ANY_WORD = /fail|error|denied|rejected|blocked|forbidden|unauthori/i;

export function outcomeFromAction(action: string | null): Outcome {
  if (!action || action.length > 200 || !ANY_WORD.test(action)) return 'unknown';
  const words = action
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  // "AddBlockedSender" names a list, "access_denied" a result: refusals count only as the last word.
  if (/^(denied|rejected|blocked|forbidden|unauthori[sz]ed)$/.test(words[words.length - 1] ?? '')) return 'denied';
  // "errorReporting.update", "failover.start": a leading word names a subject, unless it is a
  // past participle ("failed_login").
  if (words.some((w, i) => /^(failed|failure|failures)$/.test(w) || (i > 0 && /^(fail|error|errored|errors)$/.test(w)))) return 'failure';
  return 'unknown';
}
