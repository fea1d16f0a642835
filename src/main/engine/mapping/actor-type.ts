// Who acted: a person, an agent (app, bot, service principal, assumed role) or the system itself.
// Explicit type fields win; otherwise the actor's own text often says it (emails are people,
// "system:serviceaccount:..." and "*.gserviceaccount.com" are not).
import type { ActorType } from '../../../shared/event';
import { isEmail } from './values';

const TYPE_WORDS: Record<string, ActorType> = {};
function words(t: ActorType, list: string): void {
  for (const w of list.split(' ')) TYPE_WORDS[w] = t;
}
words('human', 'human user person member admin administrator owner iamuser root regular enduser federateduser identityuser guest dcadmin');
words(
  'agent',
  'agent bot app application serviceprincipal assumedrole serviceaccount integration apikey token client oauthclient managedidentity webhook assistant workflow api',
);
words('system', 'system systemprincipal awsservice service cron scheduler internal automation daemon platform');

function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** M365's numeric UserType (0 regular, 2 admin, 3 datacenter admin acting as a system account, 4 system, 5 application, 6 service principal). */
const M365_USER_TYPE: Record<number, ActorType> = {
  0: 'human',
  1: 'human',
  2: 'human',
  3: 'system',
  4: 'system',
  5: 'agent',
  6: 'agent',
  7: 'human',
  8: 'human',
};

export function actorTypeFromTypeValue(v: unknown): ActorType {
  if (typeof v === 'boolean') return v ? 'agent' : 'unknown'; // e.g. GitHub actor_is_bot
  if (typeof v === 'number') return M365_USER_TYPE[v] ?? 'unknown';
  if (typeof v !== 'string') return 'unknown';
  const s = squash(v);
  if (/^\d+$/.test(s)) return M365_USER_TYPE[Number(s)] ?? 'unknown';
  return TYPE_WORDS[s] ?? (s.endsWith('user') ? 'human' : s.endsWith('bot') || s.endsWith('agent') ? 'agent' : 'unknown');
}

export function actorTypeFromActor(actor: string | null): ActorType {
  if (!actor) return 'unknown';
  const a = actor.toLowerCase();
  if (a.endsWith('.gserviceaccount.com') || a.startsWith('serviceaccount:')) return 'agent';
  if (a.startsWith('system:serviceaccount:')) return 'agent';
  if (a.startsWith('system:') || a === 'system' || a.includes('nt authority\\system')) return 'system';
  if (/^arn:aws:sts::\d*:assumed-role\//.test(a)) return 'agent';
  if (/^arn:aws:iam::\d*:(user|root)/.test(a)) return 'human';
  if (a.endsWith('.amazonaws.com')) return 'system';
  if (/(^|[-_.:])(bot|agent|svc|service|worker)([-_.:]|$)/.test(a)) return 'agent';
  if (isEmail(actor)) return a.startsWith('noreply') || a.startsWith('no-reply') ? 'system' : 'human';
  return 'unknown';
}
