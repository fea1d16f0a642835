// The model fields one record yields once its mapping is applied.
import type { ActorType, Outcome, TimeFlag } from '../../../shared/event';

export interface MappedFields {
  timeMs: number | null;
  timeOriginal: string | null;
  timeFlag: TimeFlag | null;
  eventId: string | null;
  actor: string | null;
  actorType: ActorType;
  action: string | null;
  targetType: string | null;
  targetId: string | null;
  outcome: Outcome;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
}
