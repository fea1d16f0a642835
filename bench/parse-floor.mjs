#!/usr/bin/env node
// The parse floor: the least any importer must do with a JSON Lines file — read every byte, split
// on \n, decode and JSON.parse every line — as a plain Node loop with nothing stored.
// Prints one JSON document: { lines, records, errors, bytes, seconds, peakRssBytes }.
//   node bench/parse-floor.mjs FILE
import fs from 'node:fs';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bench/parse-floor.mjs FILE\n');
  process.exit(2);
}
const t0 = process.hrtime.bigint();
let lines = 0;
let records = 0;
let errors = 0;
let bytes = 0;
let carry = null;
let sink = 0; // keeps the parsed values observably used
const one = (buf, s, e) => {
  lines++;
  if (e > s && buf[e - 1] === 0x0d) e--;
  if (e === s) return;
  try {
    const v = JSON.parse(buf.toString('utf8', s, e));
    if (v && typeof v === 'object') sink += Object.keys(v).length;
    records++;
  } catch {
    errors++;
  }
};
const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
for await (const chunk of stream) {
  bytes += chunk.length;
  let buf = chunk;
  let start = 0;
  if (carry) {
    buf = Buffer.concat([carry, chunk]);
    carry = null;
  }
  for (;;) {
    const nl = buf.indexOf(0x0a, start);
    if (nl < 0) break;
    one(buf, start, nl);
    start = nl + 1;
  }
  if (start < buf.length) carry = Buffer.from(buf.subarray(start));
}
if (carry && carry.length) one(carry, 0, carry.length);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
process.stdout.write(`${JSON.stringify({ lines, records, errors, bytes, seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024, keys: sink })}\n`);
