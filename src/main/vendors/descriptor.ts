// The shape of a vendor descriptor (validated against descriptor.schema.json at load).
import type { ActorType, MappedField, Outcome } from '../../shared/event';
import type { SyncAuth } from '../../shared/sync';

export type VendorAuth = SyncAuth;

export interface DetectCondition {
  /** Alternatives: the first path with a value is read. */
  paths: string[];
  /** Case-insensitive pattern the value must match; presence is enough without one. */
  pattern?: string;
  /** Share of sampled records that must satisfy the condition (default 0.5). */
  minFraction?: number;
}

export interface DetectRule {
  name?: string;
  all?: DetectCondition[];
  any?: DetectCondition[];
  anyMin?: number;
  csvHeaders?: string[];
}

export interface VendorPaging {
  style: 'offset' | 'page' | 'before-cursor' | 'token';
  endpoint: string;
  exportEndpoint?: string;
  recordsKey?: string;
  params?: {
    limit?: string;
    offset?: string;
    page?: string;
    before?: string;
    after?: string;
    token?: string;
  };
  pageSize?: number;
  maxPageSize?: number;
  firstPage?: number;
  totalPath?: string;
  totalPagesPath?: string;
  hasMorePath?: string;
  nextTokenPath?: string;
  cursorField?: MappedField;
  order?: 'newest-first' | 'oldest-first' | 'unspecified';
  dateFormat?: string;
}

export interface VendorDescriptor {
  vendor: string;
  displayName: string;
  docs?: string;
  notes?: string[];
  detect: { rules: DetectRule[]; envelopeKeys?: string[] };
  fields: Partial<Record<MappedField, string[]>>;
  timeAssumeUtc?: boolean;
  actorType?: {
    values?: Record<string, ActorType>;
    patterns?: {
      path?: string;
      field?: 'actor' | 'action';
      pattern: string;
      type: ActorType;
    }[];
    default?: ActorType;
  };
  outcome?: {
    values?: Record<string, Outcome>;
    actionPatterns?: { pattern: string; outcome: Outcome }[];
    default?: Outcome;
  };
  auth?: VendorAuth;
  /** One per {name} in paging.endpoint. */
  pathParams?: Record<string, { label: string; description?: string }>;
  paging?: VendorPaging;
}
