#!/usr/bin/env node
// Deterministic generator of vendor-shaped audit events as JSON Lines, for the benchmark and for
// trying AuditDesk on realistic volumes. Record shapes follow docs/vendors/ (the five
// vendor documents): where a document shows fields, those are the names used; where it only
// describes them in prose (Invent, the admin console, OpenIndex), the names are the ones its
// filters, columns and examples suggest.
//
//   node bench/generate.mjs --count 1000000 --out bench/data/events-1m.jsonl
//   node bench/generate.mjs --count 50000 --vendors opbox --out bench/data/opbox.jsonl
//   options: --count N  --vendors a,b,...  --out PATH (- for stdout)  --seed N
//            --from ISO --months N (time span)  --actors N (distinct people)
//
// Lines are written in chunks as they are made, so the file size is not bounded by memory.
// Same options => byte-identical file.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

export const GENERATOR_VERSION = 3;
export const VENDORS = ['openclaw', 'opbox', 'openindex', 'adminconsole', 'invent'];
/** Share of each vendor in a mixed file (normalised over the vendors asked for). */
const VENDOR_WEIGHTS = { openclaw: 0.3, opbox: 0.25, openindex: 0.2, adminconsole: 0.15, invent: 0.1 };

// ---- seeded randomness ----------------------------------------------------------------------------

/** sfc32: small, fast, good enough, and the same on every machine. */
function makeRng(seed) {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ (seed * 31);
  let c = 0xb7e15162 ^ (seed * 131);
  let d = 1;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

function helpers(rnd) {
  const int = (n) => Math.floor(rnd() * n);
  const pick = (arr) => arr[int(arr.length)];
  const chance = (p) => rnd() < p;
  const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';
  const HEX = '0123456789abcdef';
  const B32 = '0123456789abcdefghjkmnpqrstvwxyz';
  const str = (alphabet, n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[int(alphabet.length)];
    return s;
  };
  const b36 = (n) => str(B36, n);
  const hex = (n) => str(HEX, n);
  const b32 = (n) => str(B32, n);
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(4)]}${hex(3)}-${hex(12)}`;
  /** Weighted pick from [[value, weight], ...]. */
  const weighted = (pairs) => {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = rnd() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r <= 0) return v;
    }
    return pairs[pairs.length - 1][0];
  };
  /** Skewed index in [0, n): a few very active actors, a long tail of occasional ones. */
  const skewed = (n) => Math.min(n - 1, Math.floor(n * rnd() ** 2.2));
  const ipv4 = () => `${pick([203, 198, 192, 81, 94, 145, 172, 10, 34, 52])}.${int(256)}.${int(256)}.${1 + int(254)}`;
  return { int, pick, chance, b36, hex, b32, uuid, weighted, skewed, ipv4 };
}

// ---- shared world: people, orgs, agents, request ids -------------------------------------------------

const FIRST = [
  'Ava',
  'Ben',
  'Chloe',
  'Daniel',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Isla',
  'Jonas',
  'Kemi',
  'Liam',
  'Maya',
  'Nikhil',
  'Olivia',
  'Pavel',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
  'Uma',
  'Victor',
  'Wen',
  'Xavier',
  'Yara',
  'Zoe',
  'Amir',
  'Bea',
  'Carlos',
  'Dana',
  'Emeka',
  'Fiona',
  'Gustav',
  'Hana',
  'Ivan',
  'Julia',
  'Kai',
  'Lena',
  'Mateo',
  'Nora',
  'Oscar',
  'Priya',
  'Rafael',
  'Sofia',
  'Tomas',
  'Will',
  'Yusuf',
  'Zara',
];
const LAST = [
  'Adams',
  'Bianchi',
  'Chen',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lilley',
  'Martin',
  'Nakamura',
  'Okafor',
  'Patel',
  'Quintero',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Ueda',
  'Varga',
  'Wright',
  'Xu',
  'Yilmaz',
  'Zhang',
  'Novak',
  'Silva',
  'Murphy',
  'Kim',
  'Larsen',
  'Moreau',
];
/** Mail domain of each org in ORGS, same order. */
const DOMAINS = ['acme.com', 'globex.com', 'initech.co', 'umbrella-legal.com', 'hooli.finance', 'starkops.io'];
const ORGS = [
  ['Acme Corp', 'acme-corp'],
  ['Globex', 'globex'],
  ['Initech', 'initech'],
  ['Umbrella Legal', 'umbrella-legal'],
  ['Hooli Finance', 'hooli-finance'],
  ['Stark Ops', 'stark-ops'],
];
const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'curl/8.5.0',
  'python-requests/2.32.3',
  'okhttp/4.12.0',
];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'NL', 'IE', 'ES', 'IN', 'JP', 'BR', 'CA', 'AU', 'SG'];

function makeWorld(h, actorCount) {
  const people = [];
  for (let i = 0; i < actorCount; i++) {
    const first = h.pick(FIRST);
    const last = h.pick(LAST);
    const org = i % ORGS.length;
    const domain = DOMAINS[org];
    people.push({
      name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}${i >= 400 ? i : ''}@${domain}`,
      org,
      // Each vendor has its own user id scheme for the same person.
      openclawId: `user-${100 + i}`,
      openindexId: `usr_${h.b32(14)}`,
      inventId: `user_${h.b36(24)}`,
      ip: h.ipv4(),
      ua: h.pick(USER_AGENTS),
      country: h.pick(COUNTRIES),
    });
  }
  const orgs = ORGS.map(([name, slug]) => ({
    name,
    slug,
    opboxId: `cm_org_${h.b36(20)}`,
    inventId: `org_${h.b36(24)}`,
  }));
  const agents = ['fix_worker', 'triage_agent', 'lesson_miner', 'report_ingest', 'pdca_runner', 'dedupe_bot'];
  return { people, orgs, agents };
}

// ---- per-vendor record makers ------------------------------------------------------------------------
// Each returns a plain object in the vendor's documented key order. `ctx` carries time, actor and a
// request id that may be shared with other vendors' records (an interaction traced across systems).

function opboxMaker(h, world) {
  const actions = [
    ['CREATE', 20],
    ['UPDATE', 30],
    ['DELETE', 5],
    ['ARCHIVE', 3],
    ['RESTORE', 1],
    ['APPROVE', 6],
    ['REJECT', 2],
    ['SHARE', 4],
    ['SUBMIT', 8],
    ['SYNC', 6],
    ['TRIGGER', 4],
    ['AI_CHAT_MESSAGE', 9],
    ['addon.install', 0.5],
    ['addon.uninstall', 0.2],
  ];
  const resources = [
    'FORM',
    'SUBMISSION',
    'TABLE',
    'MATTER',
    'MATTER_STEP',
    'DOCUMENT',
    'WORKFLOW',
    'table_row',
    'table_column',
    'INVOICE',
    'DASHBOARD',
    'EXTERNAL_CONNECTION',
    'PIPELINE_RUN',
  ];
  const prefix = {
    FORM: 'form',
    SUBMISSION: 'sub',
    TABLE: 'tbl',
    MATTER: 'matter',
    MATTER_STEP: 'mstep',
    DOCUMENT: 'doc',
    WORKFLOW: 'wf',
    table_row: 'row',
    table_column: 'col',
    INVOICE: 'inv',
    DASHBOARD: 'dash',
    EXTERNAL_CONNECTION: 'conn',
    PIPELINE_RUN: 'run',
  };
  const names = [
    'Contact Us',
    'Client intake',
    'Quarterly review',
    'NDA template',
    'Vendor onboarding',
    'Expense claims',
    'Board pack',
    'Matter budget',
    'KYC checklist',
  ];
  return (ctx) => {
    const action = h.weighted(actions);
    const resource = action.startsWith('addon.') ? 'EXTERNAL_CONNECTION' : action === 'AI_CHAT_MESSAGE' ? 'DOCUMENT' : h.pick(resources);
    const p = ctx.person;
    let metadata;
    if (action === 'CREATE') metadata = { name: h.pick(names) };
    else if (action === 'UPDATE') metadata = { name: h.pick(names), changes: { status: { from: 'draft', to: h.pick(['active', 'review', 'closed']) } } };
    else if (action === 'AI_CHAT_MESSAGE')
      metadata = { model: h.pick(['gpt-4o', 'claude-sonnet-4', 'gemini-2.0-flash']), tokens: 50 + h.int(4000), apiKey: '[REDACTED]' };
    else if (action === 'SYNC' || action === 'TRIGGER')
      metadata = { pipeline: `pl_${h.b36(8)}`, durationMs: h.int(90_000), status: h.chance(0.07) ? 'failed' : 'ok' };
    else if (action.startsWith('addon.'))
      metadata = { addon: h.pick(['docusign', 'xero', 'slack', 'clio']), version: `${1 + h.int(4)}.${h.int(10)}.${h.int(20)}` };
    else metadata = { name: h.pick(names) };
    if (ctx.requestId) metadata.requestId = ctx.requestId;
    const org = world.orgs[p.org];
    return {
      id: `cm_audit_${h.b36(22)}`,
      action,
      resource,
      resourceId: `cm_${prefix[resource]}_${h.b36(20)}`,
      metadata,
      ipAddress: p.ip,
      userAgent: p.ua,
      createdAt: new Date(ctx.t).toISOString(),
      user: { name: p.name, email: p.email },
      organization: { id: org.opboxId, name: org.name },
    };
  };
}

function openclawMaker(h, world) {
  const types = [
    ['tool_invocation', 30],
    ['data_access', 30],
    ['model_call', 25],
    ['policy_decision', 10],
    ['agent_exchange', 4],
    ['policy_change', 1],
  ];
  const tools = [
    ['email_read', 'gmail', 'messageId', 'msg'],
    ['calendar_list', 'gcal', 'calendarId', 'cal'],
    ['drive_search', 'gdrive', 'fileId', 'file'],
    ['crm_lookup', 'salesforce', 'recordId', 'rec'],
    ['slack_post', 'slack', 'channelId', 'C'],
    ['jira_update', 'jira', 'issueKey', 'OPS-'],
  ];
  const classes = [
    ['public', 15],
    ['internal', 55],
    ['confidential', 25],
    ['restricted', 5],
  ];
  const policies = ['connector-read-write-policy', 'model-egress-policy', 'restricted-data-policy', 'agent-exchange-policy', 'default-allow'];
  const models = ['claude-sonnet-4', 'gpt-4o', 'gpt-4o-mini', 'llama-3.1-70b', 'mistral-large'];
  const tenants = ORGS.map(([, slug]) => slug);
  return (ctx) => {
    const actionType = h.weighted(types);
    const dataClassification = h.weighted(classes);
    const [tool, sourceKind, paramKey, idPrefix] = h.pick(tools);
    const srcId = `${idPrefix}${idPrefix.endsWith('-') ? 1 + h.int(4000) : `-${h.int(1_000_000)}`}`;
    let actionDetail;
    let dataAccessed = [];
    let modelUsed = null;
    let modelTokens = null;
    if (actionType === 'data_access' || actionType === 'tool_invocation') {
      actionDetail = { tool, params: { [paramKey]: srcId }, itemCount: 1 + h.int(actionType === 'data_access' ? 25 : 3) };
      dataAccessed = [
        { source: `${sourceKind}:${srcId}`, classification: dataClassification, purpose: actionType === 'data_access' ? 'connector_read' : 'tool_call' },
      ];
    } else if (actionType === 'model_call') {
      modelUsed = h.pick(models);
      const input = 200 + h.int(12_000);
      modelTokens = { input, output: 20 + h.int(Math.min(4000, input)) };
      actionDetail = { purpose: h.pick(['summarise', 'draft_reply', 'classify', 'plan']), streaming: h.chance(0.6) };
      if (h.chance(0.4)) dataAccessed = [{ source: `${sourceKind}:${srcId}`, classification: dataClassification, purpose: 'model_context' }];
    } else if (actionType === 'agent_exchange') {
      actionDetail = { protocol: 'OCIP', peer: `agent:${h.pick(world.agents)}`, direction: h.pick(['outbound', 'inbound']), messageBytes: 200 + h.int(20_000) };
    } else if (actionType === 'policy_change') {
      const policy = h.pick(policies);
      actionDetail = {
        policy,
        change: h.pick(['created', 'updated']),
        before: { maxClassification: 'internal' },
        after: { maxClassification: h.pick(['confidential', 'restricted']) },
      };
    } else {
      actionDetail = { tool, evaluated: h.pick(policies) };
    }
    const policyResult = h.weighted([
      ['allow', 88],
      ['deny', 8],
      ['require_approval', 4],
    ]);
    const outcome = policyResult === 'deny' ? 'denied' : policyResult === 'require_approval' ? 'pending_approval' : h.chance(0.02) ? 'error' : 'success';
    const policyReason =
      policyResult === 'allow'
        ? actionType === 'model_call'
          ? 'Model egress allowed for classification'
          : 'Connector access allowed'
        : policyResult === 'deny'
          ? `${dataClassification === 'restricted' ? 'Restricted' : 'Classified'} data may not leave the tenant`
          : 'Approval required for this action';
    const userId = ctx.agentIndex >= 0 ? `svc-${world.agents[ctx.agentIndex]}` : ctx.person.openclawId;
    return {
      id: `audit-${h.hex(12)}`,
      tenantId: tenants[ctx.person.org],
      userId,
      timestamp: new Date(ctx.t).toISOString(),
      actionType,
      actionDetail,
      dataAccessed,
      modelUsed,
      modelTokens,
      dataClassification,
      policyApplied: actionType === 'model_call' ? 'model-egress-policy' : h.pick(policies),
      policyResult,
      policyReason,
      outcome,
      requestId: ctx.requestId ?? `req-${h.hex(16)}`,
    };
  };
}

function adminConsoleMaker(h, world) {
  const actions = [
    ['report.created', 25],
    ['report.triaged', 15],
    ['fix.dispatched', 12],
    ['fix.completed', 9],
    ['fix.failed', 3],
    ['lesson.promoted', 2],
    ['key.created', 1.5],
    ['key.revoked', 0.7],
    ['sso.registered', 0.2],
    ['project.deleted', 0.3],
    ['pdca.run.started', 6],
    ['user.invited', 1.5],
  ];
  const idPrefix = { report: 'rpt', fix: 'fix', lesson: 'les', key: 'key', sso: 'sso', project: 'prj', pdca: 'run', user: 'usr' };
  const severities = ['low', 'medium', 'high', 'critical'];
  const repos = ['acme/web', 'acme/api', 'acme/mobile', 'globex/billing', 'initech/tps-reports'];
  return (ctx) => {
    const action = h.weighted(actions);
    const kind = action.split('.')[0];
    const rtype = kind === 'pdca' ? 'pdca_run' : kind;
    const resourceId = `${idPrefix[kind]}_${h.b36(20)}`;
    // Humans triage, invite, manage keys and SSO; agents run fixes and PDCA; cron ingests reports.
    let actor;
    let actorType;
    if (['report.triaged', 'key.created', 'key.revoked', 'sso.registered', 'project.deleted', 'user.invited', 'lesson.promoted'].includes(action)) {
      actor = ctx.person.email;
      actorType = 'human';
    } else if (action === 'report.created' && h.chance(0.7)) {
      actor = 'system';
      actorType = 'system';
    } else {
      actor = world.agents[ctx.agentIndex >= 0 ? ctx.agentIndex : h.int(world.agents.length)];
      actorType = 'agent';
    }
    const projectId = `prj_${h.b36(10)}`;
    let metadata;
    switch (action) {
      case 'report.triaged':
        metadata = { report_id: resourceId, before: { status: 'new', severity: null }, after: { status: 'triaged', severity: h.pick(severities) } };
        break;
      case 'fix.dispatched':
        metadata = {
          report_id: `rpt_${h.b36(20)}`,
          triggered_by: h.chance(0.5) ? 'human' : 'agent',
          project_id: projectId,
          repository: h.pick(repos),
          agent_id: `agt_${h.b36(12)}`,
        };
        break;
      case 'fix.completed':
        metadata = {
          report_id: `rpt_${h.b36(20)}`,
          project_id: projectId,
          pr_url: `https://github.com/${h.pick(repos)}/pull/${1 + h.int(9000)}`,
          duration_ms: h.int(900_000),
        };
        break;
      case 'fix.failed':
        metadata = {
          report_id: `rpt_${h.b36(20)}`,
          project_id: projectId,
          error: h.pick(['tests failed', 'merge conflict', 'timeout after 900s', 'repository not found']),
          exit_code: 1 + h.int(3),
        };
        break;
      case 'lesson.promoted':
        metadata = { cluster_id: `clu_${h.b36(10)}`, before: { state: 'cluster' }, after: { state: 'lesson', title: 'Check nil before dereference' } };
        break;
      case 'key.created':
        metadata = { name: h.pick(['ci', 'prod-ingest', 'laptop', 'zapier']), scopes: ['reports:write'], prefix: `ak_${h.b36(6)}` };
        break;
      case 'key.revoked':
        metadata = { before: { status: 'active' }, after: { status: 'revoked' }, reason: h.pick(['rotated', 'leaked', 'unused']) };
        break;
      case 'project.deleted':
        metadata = {
          name: `Project ${h.b36(4)}`,
          slug: `proj-${h.b36(6)}`,
          confirmed_by: ctx.person.email,
          before: { deleted_at: null },
          after: { deleted_at: new Date(ctx.t).toISOString() },
        };
        break;
      case 'user.invited':
        metadata = { email: `${h.b36(6)}@${h.pick(DOMAINS)}`, role: h.pick(['member', 'admin', 'viewer']) };
        break;
      case 'sso.registered':
        metadata = { provider: h.pick(['okta', 'azure-ad', 'google']), domain: h.pick(DOMAINS) };
        break;
      case 'pdca.run.started':
        metadata = { project_id: projectId, queue: 'default', triggered_by: 'schedule' };
        break;
      default:
        metadata = { project_id: projectId, source: h.pick(['sentry', 'github', 'email', 'api']), severity: h.pick(severities) };
    }
    return {
      id: `aud_${h.b36(20)}`,
      time: new Date(ctx.t).toISOString(),
      action,
      actor,
      actor_type: actorType,
      resource: `${rtype}:${resourceId}`,
      metadata,
      ...(ctx.requestId ? { request_id: ctx.requestId } : {}),
    };
  };
}

function openindexMaker(h, world) {
  const events = [
    ['work_item.created', 12],
    ['work_item.updated', 18],
    ['work_item.status_changed', 20],
    ['work_item.deleted', 1.5],
    ['stage_gate.advanced', 4],
    ['comment.created', 8],
    ['attachment.added', 3],
    ['custom_field.updated', 5],
    ['agent.claimed', 6],
    ['agent.completed', 5],
    ['agent.dispatched', 3],
    ['agent.failed', 0.7],
    ['domain.created', 0.2],
    ['domain.updated', 0.4],
    ['member.added', 0.6],
    ['member.role_changed', 0.3],
    ['member.removed', 0.2],
    ['calendar_source.created', 0.2],
    ['sync.succeeded', 6],
    ['sync.failed', 0.8],
    ['user.suspended', 0.05],
    ['ai_provider.updated', 0.1],
    ['email_infra.provisioned', 0.05],
  ];
  const statuses = ['backlog', 'todo', 'in_progress', 'review', 'done', 'blocked'];
  const domains = Array.from({ length: 24 }, () => `jd7${h.b32(29)}`);
  const projects = ['OPS', 'ENG', 'SEC', 'FIN', 'HR', 'LEGAL'];
  return (ctx) => {
    const eventType = h.weighted(events);
    const [kind, verb] = eventType.split('.');
    const itemish = ['work_item', 'stage_gate', 'comment', 'attachment', 'custom_field', 'agent'].includes(kind);
    const rec = { _id: `k17${h.b32(29)}`, _creationTime: ctx.t + h.int(900) / 1000, eventType };
    if (itemish) rec.workItemKey = `${h.pick(projects)}-${1 + h.skewed(6000)}`;
    rec.domainId = domains[ctx.person.org * 4 + h.int(4)];
    rec.userId = kind === 'agent' ? `agent:${h.pick(world.agents)}` : kind === 'sync' ? 'system:sync' : ctx.person.openindexId;
    rec.timestamp = new Date(ctx.t).toISOString();
    if (eventType === 'work_item.status_changed') {
      const from = h.pick(statuses);
      rec.details = { field: 'status', from, to: h.pick(statuses.filter((s) => s !== from)) };
    } else if (eventType === 'work_item.updated' || eventType === 'custom_field.updated') {
      rec.details = {
        field: h.pick(['title', 'priority', 'assignee', 'dueDate', 'cf_risk']),
        from: h.pick(['low', 'p2', null]),
        to: h.pick(['high', 'p1', 'critical']),
      };
    } else if (kind === 'sync') {
      rec.details = {
        sourceId: `cal_${h.b36(10)}`,
        provider: h.pick(['google', 'outlook', 'ical']),
        items: h.int(400),
        ...(verb === 'failed' ? { error: '401 Unauthorized: token expired' } : {}),
      };
    } else if (kind === 'agent') {
      rec.details = { agent: rec.userId.slice(6), runId: `run_${h.b36(12)}`, ...(verb === 'failed' ? { error: 'tool call timed out' } : {}) };
    } else if (kind === 'member') {
      rec.details = { member: h.pick(world.people).openindexId, role: h.pick(['viewer', 'editor', 'admin']) };
    }
    if (ctx.requestId) rec.requestId = ctx.requestId;
    return rec;
  };
}

const INVENT_ACTIONS = [
  ['assistant.updated', 20],
  ['assistant.created', 6],
  ['assistant.deleted', 1],
  ['assistant.restored', 0.2],
  ['assistant.duplicated', 1],
  ['assistant.duplicated_from', 1],
  ['workflow.created', 5],
  ['workflow.deleted', 1],
  ['workflow.restored', 0.2],
  ['connection.created', 3],
  ['connection.updated', 4],
  ['connection.deleted', 1],
  ['chat.deleted', 8],
  ['action.created', 3],
  ['action.deleted', 1],
  ['action.enabled', 2],
  ['action.disabled', 1],
  ['integration.created', 1],
  ['integration.updated', 2],
  ['integration.deleted', 0.4],
  ['integration.enabled', 1],
  ['integration.disabled', 0.5],
  ['broadcast.created', 1],
  ['broadcast.activated', 1],
  ['broadcast.paused', 0.5],
  ['broadcast.deleted', 0.3],
  ['member.invited', 2],
  ['member.joined', 2],
  ['member.removed', 0.5],
  ['member.left', 0.3],
  ['member.role_changed', 0.8],
  ['org.updated', 3],
  ['org.disabled', 0.05],
  ['org.enabled', 0.05],
  ['org.sub_org_created', 0.2],
  ['org.sub_org_member_joined', 0.3],
  ['domain.created', 0.2],
  ['domain.deleted', 0.1],
  ['email.domain.created', 0.1],
  ['email.identity.created', 0.2],
  ['sso.profile.created', 0.05],
  ['sso.profile.updated', 0.1],
  ['sso.profile.sessions.revoked', 0.05],
  ['sso.domain.created', 0.05],
  ['api_key.created', 0.8],
  ['api_key.deleted', 0.4],
];

function inventMaker(h, world) {
  return (ctx) => {
    const action = h.weighted(INVENT_ACTIONS);
    const kind = action.split('.')[0];
    const source = h.weighted([
      ['app', 70],
      ['admin', 10],
      ['api', 15],
      ['system', 5],
    ]);
    const p = ctx.person;
    const org = world.orgs[p.org];
    const rec = {
      id: h.uuid(),
      action,
      source,
      ip: source === 'system' ? null : p.ip,
      country: source === 'system' ? null : p.country,
      user_agent: source === 'app' || source === 'admin' ? p.ua : source === 'api' ? 'invent-sdk-node/2.3.1' : null,
      created_at: new Date(ctx.t).toISOString(),
      user_id: source === 'system' ? null : p.inventId,
      user: source === 'system' ? null : { id: p.inventId, name: p.name, email: p.email, image: null },
    };
    if (kind === 'assistant' || kind === 'chat' || kind === 'action') rec.assistant_id = `ast_${h.b36(20)}`;
    if (kind === 'workflow') rec.workflow_id = `wfl_${h.b36(20)}`;
    if (kind === 'connection' || kind === 'integration')
      rec.connection = { id: `con_${h.b36(20)}`, type: h.pick(['slack', 'hubspot', 'zendesk', 'google_drive']) };
    if (kind === 'broadcast') rec.broadcast = { id: `brd_${h.b36(20)}`, name: h.pick(['Weekly digest', 'Outage notice', 'Onboarding']) };
    if (kind === 'member') {
      const m = world.people[h.int(world.people.length)];
      rec.member = { id: m.inventId, email: m.email, role: h.pick(['owner', 'admin', 'member']) };
    }
    rec.org = { id: org.inventId, name: org.name, slug: org.slug, image: null };
    const metadata = {};
    if (action.endsWith('.updated') || action === 'member.role_changed') {
      metadata.changes =
        action === 'member.role_changed'
          ? { role: { from: 'member', to: 'admin' } }
          : { [h.pick(['name', 'instructions', 'model', 'temperature'])]: { from: 'a', to: 'b' } };
    }
    if (ctx.requestId) metadata.request_id = ctx.requestId;
    rec.metadata = metadata;
    return rec;
  };
}

const MAKERS = { opbox: opboxMaker, openclaw: openclawMaker, adminconsole: adminConsoleMaker, openindex: openindexMaker, invent: inventMaker };

// ---- the stream --------------------------------------------------------------------------------------

export function normaliseOptions(o = {}) {
  const vendors = o.vendors && o.vendors.length ? [...o.vendors] : [...VENDORS];
  for (const v of vendors) if (!MAKERS[v]) throw new Error(`unknown vendor "${v}" (one of ${VENDORS.join(', ')})`);
  return {
    count: Number(o.count ?? 100_000),
    vendors,
    seed: Number(o.seed ?? 42),
    from: o.from ?? '2025-09-01T00:00:00.000Z',
    months: Number(o.months ?? 6),
    actors: Number(o.actors ?? 3000),
    version: GENERATOR_VERSION,
  };
}

/** Yields JSON lines (without the newline) one at a time. */
export function* lines(options) {
  const o = normaliseOptions(options);
  const rnd = makeRng(o.seed);
  const h = helpers(rnd);
  const world = makeWorld(h, o.actors);
  const makers = o.vendors.map((v) => [MAKERS[v](h, world), VENDOR_WEIGHTS[v]]);
  const start = Date.parse(o.from);
  const span = o.months * 30.44 * 86_400_000;
  const step = span / Math.max(1, o.count);
  // Recent request ids: one interaction often leaves records at several vendors (OpenClaw model
  // call -> admin console fix -> OpenIndex work item ...), so a few percent of records reuse one.
  const ring = new Array(64).fill(null);
  let ringPos = 0;
  for (let i = 0; i < o.count; i++) {
    // Mostly ascending with jitter: exports are batches of roughly ordered records, not sorted.
    // Working hours are busier: thin out nights by nudging times towards the day.
    let t = start + i * step + (rnd() - 0.5) * 3_600_000;
    const hour = new Date(t).getUTCHours();
    if ((hour < 6 || hour > 20) && rnd() < 0.5) t += 6 * 3_600_000 * rnd();
    t = Math.floor(t);
    let requestId = null;
    const r = rnd();
    if (r < 0.04 && ring[(ringPos + 63) % 64]) requestId = ring[h.int(64)] ?? null;
    else if (r < 0.1) {
      requestId = `req-${h.hex(16)}`;
      ring[ringPos] = requestId;
      ringPos = (ringPos + 1) % 64;
    }
    const ctx = {
      t,
      person: world.people[h.skewed(world.people.length)],
      agentIndex: rnd() < 0.08 ? h.int(world.agents.length) : -1,
      requestId,
    };
    const make = makers.length === 1 ? makers[0][0] : h.weighted(makers);
    yield JSON.stringify(make(ctx));
  }
}

/** Writes the file (or stdout for "-"); returns { lines, bytes, seconds }. */
export function generate(options, out) {
  const t0 = process.hrtime.bigint();
  const o = normaliseOptions(options);
  let fd;
  let tmp = null;
  if (out === '-') fd = 1;
  else {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    tmp = `${out}.partial`;
    fd = fs.openSync(tmp, 'w');
  }
  let buf = [];
  let bufLen = 0;
  let bytes = 0;
  let n = 0;
  let closed = false; // stdout piped into `head` and closed: stop quietly
  const flush = () => {
    if (!buf.length) return;
    const chunk = Buffer.from(buf.join(''), 'utf8');
    let off = 0;
    try {
      while (off < chunk.length) off += fs.writeSync(fd, chunk, off);
    } catch (e) {
      if (fd !== 1 || e.code !== 'EPIPE') throw e;
      closed = true;
    }
    bytes += off;
    buf = [];
    bufLen = 0;
  };
  for (const line of lines(o)) {
    buf.push(line, '\n');
    bufLen += line.length + 1;
    n++;
    if (bufLen >= 1 << 20) flush();
    if (closed) break;
  }
  flush();
  if (tmp) {
    fs.closeSync(fd);
    fs.renameSync(tmp, out);
  }
  return { lines: n, bytes, seconds: Number(process.hrtime.bigint() - t0) / 1e9, options: o };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      vendors: { type: 'string' },
      vendor: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      from: { type: 'string' },
      months: { type: 'string' },
      actors: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.out) {
    process.stderr.write(
      'usage: node bench/generate.mjs --out PATH|- [--count N] [--vendors openclaw,opbox,openindex,adminconsole,invent] [--seed N] [--from ISO] [--months N] [--actors N]\n',
    );
    process.exit(values.help ? 0 : 2);
  }
  const vendorList = (values.vendors ?? values.vendor)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const r = generate(
    { count: values.count, vendors: vendorList, seed: values.seed, from: values.from, months: values.months, actors: values.actors },
    values.out,
  );
  if (values.out !== '-') process.stderr.write(`wrote ${r.lines} events, ${(r.bytes / 1e6).toFixed(1)} MB to ${values.out} in ${r.seconds.toFixed(1)} s\n`);
}
