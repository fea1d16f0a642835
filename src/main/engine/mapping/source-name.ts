// A name for records no descriptor claims, guessed from what they say about themselves
// (eventSource "s3.amazonaws.com", kind "admin#reports#activity", apiVersion "audit.k8s.io/v1").
// '' when nothing is telling: the caller then names the source after the file.
import type { MappedField } from '../../../shared/event';
import type { DetectRule } from '../../vendors/descriptor';
import { ruleScore } from './detect';

type Rec = Record<string, unknown>;

const c = (paths: string[], pattern?: string, minFraction = 0.3) => ({
  paths,
  pattern,
  minFraction,
});

export const SOURCE_NAME_RULES: { name: string; rule: DetectRule }[] = [
  {
    name: 'kubernetes',
    rule: { all: [c(['apiVersion'], '^audit\\.k8s\\.io/')] },
  },
  {
    name: 'google-workspace',
    rule: { all: [c(['kind'], '^admin#reports#activity$')] },
  },
  {
    name: 'gcp',
    rule: {
      any: [
        c(['protoPayload.@type', 'protoPayload["@type"]'], 'google\\.cloud\\.audit'),
        c(['logName'], 'cloudaudit\\.googleapis\\.com'),
      ],
    },
  },
  {
    name: 'alibaba-cloud',
    rule: { all: [c(['eventSource', 'serviceName'], '\\.aliyuncs\\.com$')] },
  },
  {
    name: 'aws',
    rule: {
      any: [
        c(['eventSource', 'EventSource', 'CloudTrailEvent->eventSource'], '\\.amazonaws\\.com$'),
        c(
          ['userIdentity.type', 'CloudTrailEvent->userIdentity.type'],
          '^(IAMUser|AssumedRole|AWSService|Root|FederatedUser|AWSAccount)$',
        ),
        c(['eventVersion'], '^1\\.\\d+$', 0.8),
      ],
    },
  },
  {
    name: 'okta',
    rule: {
      all: [c(['actor.alternateId']), c(['eventType']), c(['published'])],
    },
  },
  {
    name: 'auth0',
    rule: {
      all: [c(['type'], '^[a-z]{1,8}$'), c(['date']), c(['client_id', 'client_name'])],
      any: [c(['log_id', 'user_id', 'connection_id'], undefined, 0.1)],
    },
  },
  {
    name: 'jira',
    rule: {
      all: [c(['authorKey', 'authorAccountId']), c(['summary']), c(['created'])],
    },
  },
  {
    name: 'bitbucket',
    rule: {
      all: [c(['col2'], '^[A-Z][A-Za-z]+Event$'), c(['col4'], '^\\d{12,14}$')],
    },
  },
  {
    name: 'entra-id',
    rule: {
      all: [
        c(
          ['category'],
          '^(AuditLogs|SignInLogs|NonInteractiveUserSignInLogs|ServicePrincipalSignInLogs|ManagedIdentitySignInLogs|ProvisioningLogs)$',
        ),
      ],
    },
  },
  {
    name: 'azure-activity',
    rule: {
      all: [
        c(['operation_name.value', 'operationName.value']),
        c(['resource_provider_name.value', 'resourceProviderName.value', 'resource_id', 'resourceId']),
      ],
    },
  },
  {
    name: 'm365',
    rule: { all: [c(['Workload']), c(['RecordType']), c(['Operation'])] },
  },
  {
    name: 'slack',
    rule: {
      all: [c(['date_create']), c(['action']), c(['actor.user', 'actor.type'])],
    },
  },
  {
    name: 'dropbox',
    rule: { all: [c(['event_type[".tag"]']), c(['timestamp'])] },
  },
  {
    name: 'zoom',
    rule: {
      any: [c(['zoom.event']), c(['event', 'payload.account_id'], '^[a-z_]+\\.[a-z_.]+$')],
      all: [c(['zoom.payload.account_id', 'payload.account_id'])],
    },
  },
  {
    name: 'cloudflare',
    rule: {
      all: [c(['ActionType']), c(['ActorEmail', 'ActorID']), c(['When'])],
    },
  },
  {
    name: 'github',
    rule: {
      all: [c(['action']), c(['actor'])],
      any: [c(['actor_location']), c(['_document_id']), c(['business', 'business_id'])],
    },
  },
  {
    name: 'gitlab',
    rule: {
      all: [c(['author_id', 'author_name']), c(['entity_type']), c(['target_type', 'target_details'])],
    },
  },
  {
    name: 'hashicorp-vault',
    rule: {
      all: [c(['type'], '^(request|response|kmip-request|kmip-response)$', 0.8)],
      any: [c(['auth.accessor', 'request.mount_type', 'request.namespace.id'])],
    },
  },
  {
    name: 'box',
    rule: {
      all: [c(['event_type']), c(['created_by.login', 'created_by.id'])],
    },
  },
  {
    name: 'salesforce',
    rule: { all: [c(['attributes.type'], '^SetupAuditTrail$')] },
  },
  { name: 'bitwarden', rule: { all: [c(['actingUserId']), c(['device'])] } },
  {
    name: '1password',
    rule: {
      all: [c(['message->actor_details', 'actor_details']), c(['message->object_type', 'object_type'])],
    },
  },
];

export function guessSourceName(samples: readonly Rec[]): string {
  let best = '';
  let bestScore = 0;
  for (const { name, rule } of SOURCE_NAME_RULES) {
    const s = ruleScore(samples, rule);
    if (s > bestScore) {
      best = name;
      bestScore = s;
    }
  }
  return best;
}

/**
 * Paths a sample may not show but a known source documents: CloudTrail writes errorCode only on
 * failures, so a clean sample never contains it, yet its absence is what "success" means there.
 */
const SOURCE_HINTS: Record<string, Partial<Record<MappedField, string[]>>> = {
  aws: { outcome: ['errorCode', 'CloudTrailEvent->errorCode'] },
  'alibaba-cloud': { outcome: ['errorCode'] },
  'hashicorp-vault': { outcome: ['error'] },
  auth0: { outcome: ['type'] },
};

export function sourceHints(vendor: string): Partial<Record<MappedField, string[]>> {
  return SOURCE_HINTS[vendor] ?? {};
}
