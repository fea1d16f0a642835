// Generated from descriptor.schema.json by scripts/gen-vendor-types.mjs: do not edit.

export type Path = string;
/**
 * Alternatives: the condition reads the first that has a value.
 *
 * @minItems 1
 */
export type Paths = Path[];
/**
 * @minItems 1
 *
 * This interface was referenced by `undefined`'s JSON-Schema definition
 * via the `patternProperty` "^(time|eventId|actor|actorType|action|targetType|targetId|outcome|requestId|ip|userAgent|before|after)$".
 */
export type Paths1 = Path[];
export type ActorType = "human" | "agent" | "system" | "unknown";
export type Regex = string;
export type Outcome = "success" | "failure" | "denied" | "warning" | "pending" | "unknown";
/**
 * How the API token is sent; only ever in a header, never in the URL (URLs end up in provenance and messages).
 */
export type Auth =
  | {
      /**
       * Authorization: Bearer <token> (all five documented vendors).
       */
      scheme: "bearer";
    }
  | {
      /**
       * <header>: <prefix><token>, e.g. X-Api-Key.
       */
      scheme: "header";
      header: string;
      /**
       * Written before the token (default none).
       */
      prefix?: string;
    };

/**
 * One vendor as data: how to recognise its records, where its fields are, how to read actor type and outcome, and how its API authenticates and pages. The vendor's folder is the only place it is named.
 */
export interface AuditDeskVendorDescriptor {
  $schema?: string;
  vendor: string;
  displayName: string;
  /**
   * The published document this descriptor follows.
   */
  docs?: string;
  notes?: string[];
  detect: {
    /**
     * The vendor matches when any rule matches.
     *
     * @minItems 1
     */
    rules: Rule[];
    /**
     * Keys of the response/export object that holds the records.
     */
    envelopeKeys?: string[];
  };
  /**
   * Documented source paths per model field, in order. Fields left out are inferred from the records.
   */
  fields: {
    [k: string]: Paths1;
  };
  /**
   * Zoneless times of this vendor are documented as UTC.
   */
  timeAssumeUtc?: boolean;
  actorType?: {
    /**
     * Raw actor-type values (case-insensitive) to model values.
     */
    values?: {
      [k: string]: ActorType;
    };
    patterns?: {
      /**
       * Read this path; without it the mapped actor.
       */
      path?: string;
      pattern: Regex;
      type: ActorType;
      /**
       * Test the mapped actor (default) or action instead of a path.
       */
      field?: "actor" | "action";
    }[];
    default?: ActorType;
  };
  outcome?: {
    values?: {
      [k: string]: Outcome;
    };
    actionPatterns?: {
      pattern: Regex;
      outcome: Outcome;
    }[];
    /**
     * When nothing in the record says (e.g. a log of completed actions).
     */
    default?: "success" | "failure" | "denied" | "warning" | "pending" | "unknown";
  };
  paging?: {
    style: "offset" | "page" | "before-cursor" | "token";
    /**
     * The list path; each {name} in it is filled from the setting declared in pathParams.
     */
    endpoint: string;
    exportEndpoint?: string;
    /**
     * Key of the response holding the records ("" = the response is the array). Leave out when undocumented: the sync runner then takes the response's only array of objects.
     */
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
    /**
     * before-cursor: the model field whose oldest value is the next cursor.
     */
    cursorField?:
      | "time"
      | "eventId"
      | "actor"
      | "actorType"
      | "action"
      | "targetType"
      | "targetId"
      | "outcome"
      | "requestId"
      | "ip"
      | "userAgent"
      | "before"
      | "after";
    order?: "newest-first" | "oldest-first" | "unspecified";
    /**
     * How date filters are written, e.g. YYYY-MM-DD or ISO 8601.
     */
    dateFormat?: string;
  };
  auth?: Auth;
  /**
   * One entry per {name} in paging.endpoint: a setting the user must give before a sync.
   */
  pathParams?: {
    [k: string]: PathParam;
  };
}
export interface Rule {
  name?: string;
  all?: Condition[];
  any?: Condition[];
  anyMin?: number;
  /**
   * Column names that must all be present (case-insensitive).
   *
   * @minItems 1
   */
  csvHeaders?: string[];
}
export interface Condition {
  paths: Paths;
  /**
   * The value must match (case-insensitive). Without it, presence is enough.
   */
  pattern?: string;
  /**
   * Share of sampled records that must satisfy it (default 0.5).
   */
  minFraction?: number;
}
/**
 * This interface was referenced by `undefined`'s JSON-Schema definition
 * via the `patternProperty` "^[A-Za-z][A-Za-z0-9_]*$".
 */
export interface PathParam {
  /**
   * What the sync form and CLI help call it, e.g. "Org id".
   */
  label: string;
  description?: string;
}
