// What key names suggest about a path: a prior per model field, before the values are looked at.
// Names are compared lower-case without separators ("Event DateTime" = "eventdatetime").
import type { MappedField } from '../../../shared/event';
import type { PathStat } from './flatten';

export function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

type Table = Record<string, number>;

const TIME: Table = {
  timestamp: 1,
  eventtime: 1,
  eventtimestamp: 1,
  eventdatetime: 0.95,
  occurredat: 0.95,
  time: 0.95,
  createdat: 0.9,
  creationtime: 0.9,
  published: 0.9,
  datecreate: 0.9,
  performedat: 0.9,
  eventdate: 0.9,
  date: 0.85,
  created: 0.85,
  when: 0.85,
  activitydatetime: 0.85,
  createddatetime: 0.85,
  createddate: 0.85,
  // Log Analytics' ingestion time: the event's own time, when a record has one, is worth more.
  timegenerated: 0.6,
  timegeneratedutc: 0.6,
  datetime: 0.8,
  logtime: 0.7,
  ts: 0.7,
  timecreated: 0.85,
  loggedat: 0.8,
  happenedat: 0.9,
  requestreceivedtimestamp: 0.75,
  stagetimestamp: 0.6,
  // Zoom's webhook send time: below the payload's own times.
  eventts: 0.6,
};
// Times of something other than the event: ingestion, detection, sessions, tokens.
const TIME_OTHER =
  /receive|ingest|recorded|observed|stored|inserted|written|arrival|arrived|collected|uploaded|indexed|persisted|submission|alarm|processed|indexed|login|issue|expir|modified|updated|lastseen|firstseen|deleted|purged|trashed|tokenissue|notbefore|authtime/;
const TIME_OTHER_PARENTS = new Set([
  'session',
  'sessioncontext',
  'attributes',
  'auth',
  'token',
  'credentials',
  'source',
  'createdby',
  'modifiedby',
  'ownedby',
  'requestobject',
  'responseobject',
  'metadata',
  'details',
  'requestparameters',
  'responseelements',
  'requestattributes',
  'claims',
]);

const ACTOR: Table = {
  actor: 1,
  actoremail: 1,
  performedby: 0.95,
  principalemail: 0.95,
  userprincipalname: 0.9,
  actinguserid: 0.9,
  author: 0.9,
  username: 0.85,
  authorkey: 0.85,
  caller: 0.85,
  operator: 0.85,
  createdby: 0.85,
  user: 0.8,
  alternateid: 0.8,
  authorname: 0.8,
  createdbyid: 0.8,
  userid: 0.75,
  email: 0.7,
  arn: 0.6,
  login: 0.6,
  actorid: 0.6,
  actoruuid: 0.55,
  userkey: 0.6,
  clientname: 0.5,
  identity: 0.5,
  userdisplayname: 0.5,
  displayname: 0.4,
  name: 0.4,
  principalid: 0.35,
  clientid: 0.35,
  id: 0.3,
  uuid: 0.3,
  delegateuser: 0.4,
  initiatedby: 0.7,
  operatorid: 0.5,
  // CloudTrail's AWSService caller: the service is the actor when no user is.
  invokedby: 0.45,
};
// Names that only mean "actor" under an actor-ish parent.
const ACTOR_GENERIC = new Set(['email', 'name', 'displayname', 'id', 'uuid', 'login', 'arn', 'alternateid', 'principalid']);
const ACTOR_PARENTS =
  /^(actor|actors|actordetails|user|useridentity|initiatedby|author|caller|createdby|authenticationinfo|auth|principal|operator|performedby|admin|app|impersonateduser|actorlocation|servicePrincipal)$/i;

const ACTION: Table = {
  action: 1,
  eventname: 0.95,
  operationname: 0.95,
  methodname: 0.95,
  actiontype: 0.9,
  operation: 0.9,
  verb: 0.9,
  eventtype: 0.85,
  event: 0.8,
  events: 0.75,
  activitydisplayname: 0.7,
  activity: 0.6,
  command: 0.6,
  summary: 0.6,
  type: 0.45,
  change: 0.45,
  operationtype: 0.45,
  callerid: 0.4,
  legacyeventtype: 0.35,
  displaymessage: 0.35,
  description: 0.15,
  category: 0.15,
};

const EVENT_ID: Table = {
  eventid: 1,
  eventuuid: 0.9,
  logid: 0.8,
  insertid: 0.8,
  recordid: 0.7,
  documentid: 0.7,
  uniquequalifier: 0.7,
  uuid: 0.7,
  id: 0.6,
  auditlogid: 0.9,
  entryid: 0.8,
};
const EVENT_ID_PARENTS = new Set(['properties', 'message', 'id', 'event', 'data', 'record', 'cloudtrailevent', 'payload']);

const REQUEST_ID: Table = {
  requestid: 1,
  xrequestid: 1,
  clientrequestid: 0.9,
  originalrequestid: 0.9,
  auditid: 0.9,
  correlationid: 0.85,
  xcorrelationid: 0.85,
  traceid: 0.8,
  xtraceid: 0.8,
  txid: 0.8,
  txnid: 0.8,
  reqid: 0.8,
  requestuuid: 0.9,
  operationid: 0.5,
  transactionid: 0.8,
  requestidentifier: 1,
  activityid: 0.5,
};

const IP: Table = {
  ipaddress: 1,
  sourceipaddress: 1,
  sourceip: 1,
  actorip: 1,
  clientip: 0.95,
  callerip: 0.95,
  clientipaddress: 0.95,
  calleripaddress: 0.95,
  remoteip: 0.95,
  ip: 0.9,
  remoteaddress: 0.9,
  remoteaddr: 0.9,
  sourceips: 0.9,
  ipaddr: 0.8,
  xforwardedfor: 0.7,
  srcip: 0.9,
  // Bare side names hold an address only sometimes (an Origin header is a URL): values decide.
  origin: 0.6,
  remote: 0.6,
  client: 0.5,
  source: 0.5,
  src: 0.5,
};

const USER_AGENT: Table = {
  useragent: 1,
  rawuseragent: 0.95,
  callersupplieduseragent: 0.95,
  requestuseragent: 0.95,
  ua: 0.8,
  agent: 0.3,
};

const TARGET_TYPE: Table = {
  targettype: 1,
  resourcetype: 0.9,
  objecttype: 0.9,
  entitytype: 0.8,
  itemtype: 0.7,
  resource: 0.6,
};
const TARGET_ID: Table = {
  targetid: 0.9,
  resourceid: 0.9,
  objectid: 0.9,
  objectuuid: 0.9,
  resourcename: 0.8,
  entityid: 0.7,
  targetdetails: 0.6,
  itemid: 0.6,
  objectname: 0.7,
  targetname: 0.8,
};
const TARGET_PARENTS = /^(target|targets|targetresources|entity|object|objectref|objectitem|resource|resources|source|affected|item)$/;

const OUTCOME: Table = {
  outcome: 1,
  outcomeresult: 1,
  result: 0.9,
  resultstatus: 0.9,
  actionresult: 0.9,
  statuscode: 0.8,
  responsestatuscode: 0.9,
  errorcode: 0.8,
  resulttype: 0.8,
  error: 0.7,
  policyresult: 0.7,
  success: 0.8,
  successful: 0.8,
  succeeded: 0.8,
  issuccess: 0.8,
  wassuccessful: 0.8,
  logonerror: 0.6,
  loginerror: 0.6,
  status: 0.6,
  statusvalue: 0.6,
  statuserrorcode: 0.7,
  decision: 0.5,
  statusstatus: 0.3,
};

const ACTOR_TYPE: Table = {
  actortype: 1,
  usertype: 0.9,
  callertype: 0.9,
  principaltype: 0.9,
  identitytype: 0.9,
  actorisbot: 0.8,
  useridentitytype: 0.9,
  accounttype: 0.6,
};

// Whose address: the caller's side of a connection.
const IP_PARENTS = /^(source|src|client|remote|origin|caller|requester|peer|sourceaddress|clientaddress)$/;

// Parents under which nothing is about the event itself.
const NOISE_PARENTS =
  /^(requestparameters|responseelements|requestobject|responseobject|claims|modifiedproperties|additionaleventdata|networkinfo|devicedetail)$/;
// Places: where an IP lives, but no actor, action or time.
const PLACE_PARENTS = /^(geographicalcontext|location|geolocation|geo)$/;

/** `a.value`, `a.name`, `a[".tag"]`, `a.id`: the parent names the thing. */
function effectiveName(stat: PathStat, field: MappedField): { name: string; parent: string } {
  // A flat key holding dots ("meta.caller_id") is named by its last part.
  const raw = stat.leaf.includes('.') && !stat.leaf.startsWith('.') ? stat.leaf.split('.').pop()! : stat.leaf;
  // Log Analytics suffixes custom columns with their type: published_t, actor_s, success_b.
  const leaf = squash(raw.replace(/^([A-Za-z][A-Za-z0-9_]+)_[stdbg]$/, '$1'));
  const parents = stat.parents.map(squash);
  const parent = parents[parents.length - 1] ?? '';
  // Dropbox's ".tag" names the kind of thing: the action for event_type, a type discriminator elsewhere.
  const wrapper =
    leaf === 'value' ||
    leaf === 'localizedvalue' ||
    (leaf === 'tag' && field === 'action') ||
    (leaf === 'name' && /^(events?|operation|method|activity)$/.test(parent));
  if (wrapper && parent) {
    return { name: parent, parent: parents[parents.length - 2] ?? '' };
  }
  if ((leaf === 'result' || leaf === 'code' || leaf === 'status' || leaf === 'errorcode') && parent && /outcome|responsestatus|status|response/.test(parent)) {
    return { name: parent + leaf, parent: parents[parents.length - 2] ?? '' };
  }
  if ((leaf === 'id' || leaf === 'uuid') && /^(request|transaction|operation|audit|correlation|trace|event|log|document|tx|txn)$/.test(parent)) {
    return { name: parent + 'id', parent: parents[parents.length - 2] ?? '' };
  }
  if (leaf === 'type' && /actor|useridentity|principal|identity|createdby|caller/.test(parent)) {
    return {
      name: parent.replace(/^.*(actor|useridentity|principal|identity|createdby|caller).*$/, '$1') + 'type',
      parent: '',
    };
  }
  return { name: leaf, parent };
}

function lookup(t: Table, name: string): number {
  return t[name] ?? 0;
}

export function namePrior(field: MappedField, stat: PathStat): number {
  const { name, parent } = effectiveName(stat, field);
  const parents = stat.parents.map(squash);
  if (parents.some((p) => NOISE_PARENTS.test(p))) return 0;
  if (field !== 'ip' && parents.some((p) => PLACE_PARENTS.test(p))) return 0;
  const underTarget = parents.some((p) => TARGET_PARENTS.test(p));
  const underActor = parents.some((p) => ACTOR_PARENTS.test(p));
  let depthFactor = Math.max(0.6, 1 - 0.05 * Math.max(0, stat.depth - 1));
  if (squash(stat.leaf) === 'localizedvalue') depthFactor *= 0.95; // the same value, translated
  switch (field) {
    case 'time': {
      let p = lookup(TIME, name);
      if (stat.leaf === '@timestamp') p = 0.8; // often the shipper's time, but sometimes the only one
      if (!p && /(time|date)$|timestamp|^date|at$/.test(name) && name.length < 30) p = 0.5;
      if (!p) return 0;
      // A request's receipt by the server is the event itself (Kubernetes), not the log's ingestion.
      if (TIME_OTHER.test(name) && name !== 'requestreceivedtimestamp') p *= 0.3;
      if (parents.some((x) => TIME_OTHER_PARENTS.has(x)) || underActor || (underTarget && !parents.includes('object'))) p *= 0.4;
      return p * depthFactor;
    }
    case 'actor': {
      let p = lookup(ACTOR, name);
      if (!p && /email$|username$|upn$/.test(name)) p = 0.5;
      if (!p || underTarget || parents.includes('context') || parents.includes('session')) return 0;
      if (squash(stat.leaf) === 'tag') return 0;
      if (ACTOR_GENERIC.has(name)) p = underActor ? Math.min(1, p * 1.6) : p * 0.3;
      if (parents.some((x) => /sessionissuer|sessioncontext|impersonated|delegation|firstparty/.test(x))) p *= 0.5;
      return p * depthFactor;
    }
    case 'action': {
      let p = lookup(ACTION, name);
      if (!p && /(action|operation|eventname)$/.test(name)) p = 0.5;
      if (!p || underTarget || underActor || parents.some((x) => /authorization|context|details|metadata|^response$/.test(x))) return 0;
      // Vault's request.operation is the operation; its top-level "type" only says request/response.
      if (parents.includes('request')) p *= 0.9;
      if (name === 'events' && squash(stat.leaf) !== 'name') return 0;
      if (name === 'event' && squash(stat.leaf) === 'id') return 0;
      return p * depthFactor;
    }
    case 'eventId': {
      const p = lookup(EVENT_ID, name);
      if (!p) return 0;
      const top = stat.depth <= 1 || parents.every((x) => EVENT_ID_PARENTS.has(x));
      if (!top) return 0;
      return p * depthFactor;
    }
    case 'requestId': {
      let p = lookup(REQUEST_ID, name);
      if (!p && /requestid$/.test(name)) p = 0.8;
      if (!p && /(traceid|correlationid|transactionid|txid)$/.test(name)) p = 0.7;
      if (!p || underTarget || underActor) return 0;
      return p * depthFactor;
    }
    case 'ip': {
      let p = lookup(IP, name);
      // source.ip, client.address, remote.addr, origin.ip: the parent says whose address it is.
      if (!p && /^(address|addr|ip|ipaddress|ipaddr|ipv4|ipv6)$/.test(name) && IP_PARENTS.test(parent)) p = 0.95;
      // A Box "source" is the item acted on, but a source.ip is still the caller's address.
      const underTarget = parents.some((x) => TARGET_PARENTS.test(x) && !IP_PARENTS.test(x));
      if (!p && /(ip|ipaddress)$/.test(name) && !/zip|ship/.test(name)) p = 0.7;
      if (!p || underTarget || /previous|old|original/.test(name)) return 0;
      return p * depthFactor;
    }
    case 'userAgent': {
      let p = lookup(USER_AGENT, name);
      if (!p && /useragent$/.test(name)) p = 0.8;
      if (!p || underTarget) return 0;
      if (/previous|old/.test(name)) return 0;
      return p * depthFactor;
    }
    case 'targetType': {
      let p = lookup(TARGET_TYPE, name);
      if (!p && underTarget && /^(type|typename|kind)$/.test(name)) p = 0.6;
      if (!p && /^objectref$/.test(parent) && name === 'resource') p = 0.8;
      if (!p || underActor) return 0;
      return p * depthFactor;
    }
    case 'targetId': {
      let p = lookup(TARGET_ID, name);
      if (!p && underTarget && /^(id|name|alternateid|email|displayname|arn|login|key|path)$/.test(name)) p = 0.6;
      if (!p || underActor) return 0;
      return p * depthFactor;
    }
    case 'outcome': {
      let p = lookup(OUTCOME, name);
      if (!p && /statuscode$|decision$/.test(name)) p = 0.6;
      if (!p || underTarget || underActor || parents.some((x) => /context|session|location|device/.test(x))) return 0;
      // Inside a before/after state, "status" is the object's state, not how the action went.
      if (
        parents.some((x) => /^(before|after|old|new|oldvalue|newvalue|previous|current|changes|changedvalues|oldobject|data|params|parameters|state)$/.test(x))
      )
        return 0;
      if (parents.some((x) => x === 'metadata' || x === 'details') && !/error/.test(name)) return 0;
      return p * depthFactor;
    }
    case 'actorType': {
      let p = lookup(ACTOR_TYPE, name);
      if (!p && name.endsWith('type') && underActor && squash(stat.leaf) === 'type') p = 0.8;
      return p;
    }
    default:
      return 0;
  }
}
