// Messages between the engine and the SQL console's worker (sql-worker.ts).
import type { SqlResult } from '../../../shared/sql';

export type SqlAsk = { type: 'load'; bytes: Uint8Array } | { type: 'run'; params: { sql: string; offset?: number; limit?: number } };

export type SqlRequest = SqlAsk & { id: number };

export type SqlReply = { id: number; ok: true; result?: SqlResult } | { id: number; ok: false; error: string };
