// Volume check: a 200k-line JSONL file streams through completely. Throughput against a plain
// readline + JSON.parse loop is printed for the record, not asserted (machines differ).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { tempDir } from '../helpers/paths';
import { openRecordReader } from '../../src/main/engine/import/open-reader';

const LINES = 200_000;

test('200k-line JSONL: every record, in bounded batches, with throughput printed', async (t) => {
  const dir = tempDir('auditdesk-readers-perf-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'volume.jsonl');
  const out = fs.createWriteStream(file);
  for (let i = 0; i < LINES; i += 1000) {
    const block: string[] = [];
    for (let j = i; j < i + 1000; j++) {
      block.push(
        JSON.stringify({
          eventTime: new Date(1_700_000_000_000 + j * 1000).toISOString(),
          eventName: ['GetObject', 'PutObject', 'DeleteObject'][j % 3],
          userIdentity: { type: 'IAMUser', userName: `user${j % 97}`, arn: `arn:aws:iam::123456789012:user/user${j % 97}` },
          sourceIPAddress: `10.${j % 256}.${(j >> 8) % 256}.7`,
          requestParameters: { bucketName: 'evidence', key: `cases/${j}/report "final".pdf` },
          eventID: `evt-${j}`,
        }),
      );
    }
    out.write(block.join('\n') + '\n');
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const size = fs.statSync(file).size;

  let t0 = performance.now();
  let baseline = 0;
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) {
    if (line !== '') {
      JSON.parse(line);
      baseline++;
    }
  }
  const baseMs = performance.now() - t0;

  t0 = performance.now();
  const reader = await openRecordReader(file);
  let count = 0;
  let errors = 0;
  let maxBatch = 0;
  let lastId = '';
  for await (const batch of reader.batches()) {
    count += batch.records.length;
    errors += batch.errors.length;
    maxBatch = Math.max(maxBatch, batch.records.length);
    if (batch.records.length) lastId = batch.records[batch.records.length - 1].value.eventID as string;
  }
  const ourMs = performance.now() - t0;

  assert.equal(reader.format, 'jsonl');
  assert.equal(baseline, LINES);
  assert.equal(count, LINES);
  assert.equal(errors, 0);
  assert.equal(maxBatch, 2000);
  assert.equal(lastId, `evt-${LINES - 1}`);
  const mb = size / 1024 / 1024;
  console.log(
    `JSONL ${LINES} lines, ${mb.toFixed(1)} MB: reader ${ourMs.toFixed(0)} ms (${(mb / (ourMs / 1000)).toFixed(0)} MB/s, ` +
      `${Math.round(LINES / (ourMs / 1000))} rec/s); readline+JSON.parse ${baseMs.toFixed(0)} ms; ratio ${(ourMs / baseMs).toFixed(2)}x`,
  );
});
