// The readers against generated files: line endings, damage, gzip, delimiters, huge fields,
// envelope decisions, and chunk boundaries falling anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { tempDir } from '../helpers/paths';
import { openRecordReader } from '../../src/main/engine/import/open-reader';
import { readAll } from '../helpers/read-all';
import type { RecordError, SourceRecord } from '../../src/main/engine/import/source-record';
import { FileFormatError } from '../../src/main/engine/import/source-record';
import { ByteSource } from '../../src/main/engine/import/input';
import { readJsonElements } from '../../src/main/engine/import/json-reader';

const dir = tempDir('auditdesk-readers-');
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, `${n++}-${name}`);
  fs.writeFileSync(file, content);
  return file;
}

function assertBytes(file: string, records: SourceRecord[]): void {
  const bytes = fs.readFileSync(file);
  for (const r of records) {
    assert.ok(bytes.subarray(r.offset, r.offset + r.length).equals(Buffer.from(r.raw)), `bytes of line ${r.line}`);
  }
}

async function rejects(file: string, message: RegExp): Promise<void> {
  await assert.rejects(openRecordReader(file), (e: unknown) => {
    assert.ok(e instanceof FileFormatError, String(e));
    assert.match(e.message, message);
    assert.equal(e.path, file);
    return true;
  });
}

// ---- JSON Lines ----

test('JSONL with BOM, CRLF, blank lines and no trailing newline', async () => {
  const file = write('a.txt', '\uFEFF{"a":1,"s":"ü"}\r\n\r\n  \r\n{"a":2}\r\n{"a":3}');
  const { reader, records, errors } = await readAll(file);
  assert.equal(reader.format, 'jsonl');
  assert.deepEqual(errors, []);
  assert.deepEqual(
    records.map((r) => r.raw),
    ['{"a":1,"s":"ü"}', '{"a":2}', '{"a":3}'],
  );
  assert.deepEqual(
    records.map((r) => r.line),
    [1, 4, 5],
  );
  assert.equal(records[0].offset, 3);
  assert.equal(records[0].length, Buffer.byteLength('{"a":1,"s":"ü"}'));
  assert.deepEqual(records[2].value, { a: 3 });
  assertBytes(file, records);
});

test('JSONL: a bad line and a non-object line are errors, the rest imports', async () => {
  const file = write('b.ndjson', '{"a":1}\n{"a":2}\n{"a": oops}\n42\n[1,2]\n{"a":6}\n');
  const { records, errors } = await readAll(file);
  assert.deepEqual(
    records.map((r) => r.value.a),
    [1, 2, 6],
  );
  assert.deepEqual(
    records.map((r) => r.line),
    [1, 2, 6],
  );
  assert.equal(errors.length, 3);
  assert.equal(errors[0].line, 3);
  assert.match(errors[0].message, /^invalid JSON: Unexpected token/);
  assert.deepEqual(errors.slice(1), [
    { line: 4, message: 'line is not a JSON object' },
    { line: 5, message: 'line is not a JSON object' },
  ]);
});

test('JSONL whose first line is damaged is still read as JSONL', async () => {
  const file = write('c.log', '{"a": 1, "b":\n{"a":2}\n{"a":3}\n{"a":4}\n');
  const { reader, records, errors } = await readAll(file);
  assert.equal(reader.format, 'jsonl');
  assert.equal(records.length, 3);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].line, 1);
});

test('one-line JSON longer than the sniff window: JSONL vs a single object', async () => {
  const long = JSON.stringify({ id: 1, blob: 'y'.repeat(200_000), tags: [{ k: 'a' }] });
  const a = await readAll(write('long.jsonl', `${long}\n{"id":2}\n`));
  assert.equal(a.reader.format, 'jsonl');
  assert.deepEqual(
    a.records.map((r) => r.value.id),
    [1, 2],
  );
  const b = await readAll(write('long.json', long));
  assert.equal(b.reader.format, 'json-object');
  assert.equal(b.records.length, 1);
  assert.equal(b.records[0].raw, long);
});

test('batches respect batchSize and report growing bytesDone', async () => {
  const lines = Array.from({ length: 1050 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(i % 50) }));
  const file = write('d.jsonl', lines.join('\n') + '\n');
  const { records, batches, reader } = await readAll(file, 100);
  assert.equal(records.length, 1050);
  assert.ok(batches.every((b) => b.records.length <= 100));
  assert.ok(batches.filter((b) => b.records.length === 100).length >= 10);
  for (let i = 1; i < batches.length; i++) assert.ok(batches[i].bytesDone >= batches[i - 1].bytesDone);
  assert.equal(batches.at(-1)!.bytesDone, reader.bytesTotal);
  assert.deepEqual(
    records.map((r) => r.value.i),
    lines.map((_, i) => i),
  );
});

// ---- JSON documents ----

test('pretty-printed JSON array: raw is the exact element text, line where it starts', async () => {
  const text = '[\n  {\n    "a": 1,\n    "s": "x\\"]}"\n  },\n  {"a": 2}\n]\n';
  const file = write('e.json', text);
  const { reader, records, errors } = await readAll(file);
  assert.equal(reader.format, 'json-array');
  assert.deepEqual(errors, []);
  assert.equal(records[0].raw, '{\n    "a": 1,\n    "s": "x\\"]}"\n  }');
  assert.deepEqual(records[0].value, { a: 1, s: 'x"]}' });
  assert.deepEqual(
    records.map((r) => r.line),
    [2, 6],
  );
  assertBytes(file, records);
});

test('truncated JSON array: complete elements kept, error names the broken element', async () => {
  const file = write('f.json', '[\n{"a":1},\n{"a":2},\n{"a":3,\n "b": [1,');
  const { records, errors } = await readAll(file);
  assert.deepEqual(
    records.map((r) => r.value.a),
    [1, 2],
  );
  assert.equal(errors.length, 1);
  assert.equal(errors[0].line, 4);
  assert.match(errors[0].message, /truncated JSON/);
});

test('JSON array: unclosed array after the last element is reported', async () => {
  const { records, errors } = await readAll(write('g.json', '[{"a":1},\n{"a":2}\n'));
  assert.equal(records.length, 2);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /truncated JSON: unexpected end of file/);
});

test('JSON array: non-object elements and a broken element are errors', async () => {
  const file = write('h.json', '[{"a":1}, 7, "s", {"a": nope},\n{"a":5}]');
  const { records, errors } = await readAll(file);
  assert.deepEqual(
    records.map((r) => r.value.a),
    [1, 5],
  );
  assert.deepEqual(
    errors.map((e) => e.line),
    [1, 1, 1],
  );
  assert.match(errors[2].message, /^invalid JSON/);
});

test('envelope with paging keys after the records array', async () => {
  const body = { items: [{ id: 1 }, { id: 2 }, { id: 3 }], nextPageToken: 'abc', kind: 'list', total: 3 };
  const file = write('i.json', JSON.stringify(body, null, 2));
  const { reader, records, errors } = await readAll(file);
  assert.equal(reader.format, 'json-envelope:items');
  assert.deepEqual(errors, []);
  assert.deepEqual(
    records.map((r) => r.value.id),
    [1, 2, 3],
  );
  assertBytes(file, records);
});

test('nested envelopes: data.items and Elasticsearch hits.hits', async () => {
  const a = await readAll(write('j.json', JSON.stringify({ data: { items: [{ x: 1 }, { x: 2 }], cursor: 'c' }, has_more: false })));
  assert.equal(a.reader.format, 'json-envelope:data.items');
  assert.equal(a.records.length, 2);
  const es = { took: 3, timed_out: false, _shards: { total: 1 }, hits: { total: { value: 2 }, max_score: 1, hits: [{ _id: 'a' }, { _id: 'b' }] } };
  const b = await readAll(write('k.json', JSON.stringify(es)));
  assert.equal(b.reader.format, 'json-envelope:hits.hits');
  assert.deepEqual(
    b.records.map((r) => r.value._id),
    ['a', 'b'],
  );
});

test('a record with an events[] array is one record, not an envelope', async () => {
  const gws = {
    kind: 'admin#reports#activity',
    id: { time: '2024-01-01T00:00:00Z', uniqueQualifier: '1' },
    etag: '"x"',
    actor: { email: 'a@example.com' },
    ownerDomain: 'example.com',
    ipAddress: '192.0.2.1',
    events: [{ type: 'USER_SETTINGS', name: 'CHANGE_PASSWORD' }],
  };
  const file = write('l.json', '\n\n' + JSON.stringify(gws, null, 2) + '\n');
  const { reader, records, errors } = await readAll(file);
  assert.equal(reader.format, 'json-object');
  assert.deepEqual(errors, []);
  assert.equal(records.length, 1);
  assert.deepEqual(records[0].value, gws);
  assert.equal(records[0].line, 3);
  assertBytes(file, records);
  // The same shape one per line is JSONL: every line a record.
  const lines = await readAll(write('m.jsonl', `${JSON.stringify(gws)}\n${JSON.stringify(gws)}\n`));
  assert.equal(lines.reader.format, 'jsonl');
  assert.equal(lines.records.length, 2);
});

test('concatenated pretty-printed objects: each top-level value is a record', async () => {
  const file = write('n.json', '{\n "a": 1\n}\n{\n "a": 2\n}\n');
  const { reader, records, errors } = await readAll(file);
  assert.equal(reader.format, 'json-seq');
  assert.deepEqual(errors, []);
  assert.deepEqual(
    records.map((r) => [r.value.a, r.line]),
    [
      [1, 1],
      [2, 4],
    ],
  );
});

test('scanner: chunk boundaries anywhere, escapes and brackets inside strings', async () => {
  const elements = [{ s: 'a\\"b', t: '\\\\', u: '}]{[', v: 'x\\' }, { nested: [[{ a: '"' }], { b: ['\\'] }], e: '' }, { s: 'é😀' }];
  const text = Buffer.from(`{"meta": {"n": 3}, "events": [${elements.map((e) => JSON.stringify(e)).join(' ,\n')}], "cursor": null}`);
  class TinyChunks extends ByteSource {
    constructor(private size: number) {
      super('(memory)', false);
    }
    override async *chunks(): AsyncGenerator<Buffer> {
      for (let i = 0; i < text.length; i += this.size) yield text.subarray(i, i + this.size);
    }
  }
  for (const size of [1, 2, 3, 5, 7, 64]) {
    const records: SourceRecord[] = [];
    const errors: RecordError[] = [];
    for await (const b of readJsonElements(new TinyChunks(size), ['events'], 2)) {
      records.push(...b.records);
      errors.push(...b.errors);
    }
    assert.deepEqual(errors, [], `chunk size ${size}`);
    assert.deepEqual(
      records.map((r) => r.value),
      elements,
      `chunk size ${size}`,
    );
    for (const r of records) assert.ok(text.subarray(r.offset, r.offset + r.length).equals(Buffer.from(r.raw)));
    assert.deepEqual(
      records.map((r) => r.line),
      [1, 2, 3],
    );
  }
});

// ---- Whole-file rejections ----

test('empty, whitespace-only, binary and unrecognised files are rejected', async () => {
  await rejects(write('empty.json', ''), /^file is empty$/);
  await rejects(write('blank.jsonl', ' \n\r\n \n'), /file is empty/);
  const bin = Buffer.alloc(4096);
  for (let i = 0; i < bin.length; i++) bin[i] = (i * 37) % 256;
  await rejects(write('blob.log', bin), /^binary file, not a text audit export \(NUL bytes/);
  await rejects(write('nul.jsonl', Buffer.from('{"a":1}\n{"b":"\u0000x"}\n')), /binary file.*NUL/);
  await rejects(write('prose.txt', 'Dear team,\nplease find attached the logs\nthanks\n'), /unrecognised format/);
  await rejects(write('empty.gz', zlib.gzipSync(Buffer.alloc(0))), /file is empty/);
  await rejects(write('broken.gz', Buffer.from([0x1f, 0x8b, 0x00, 0x01, 0x02, 0x03, 0x04])), /gzip/);
});

test('text that is not valid UTF-8 is read as Windows-1252, not refused as binary', async () => {
  const a = await readAll(write('latin1.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xe9, 0x2c, 0xff, 0x0a])));
  assert.equal(a.reader.encoding, 'windows-1252');
  assert.match(a.reader.notes[0], /text encoding Windows-1252/);
  assert.deepEqual(
    a.records.map((r) => r.raw),
    ['é,ÿ'],
  );
});

// ---- Gzip ----

test('gzipped JSONL and CSV are detected by magic bytes and decompressed', async () => {
  const jsonl = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ i })).join('\n') + '\n';
  const gzFile = write('events.log', zlib.gzipSync(jsonl));
  const a = await readAll(gzFile);
  assert.equal(a.reader.format, 'jsonl+gzip');
  assert.equal(a.reader.gzip, true);
  assert.equal(a.records.length, 3000);
  assert.equal(a.records[2999].value.i, 2999);
  // Offsets refer to the decompressed bytes; progress to the compressed file.
  const plain = Buffer.from(jsonl);
  for (const r of a.records) assert.ok(plain.subarray(r.offset, r.offset + r.length).equals(Buffer.from(r.raw)));
  assert.equal(a.batches.at(-1)!.bytesDone, fs.statSync(gzFile).size);

  const csv = 'user,action\r\nalice,login\r\nbob,"logout, forced"\r\n';
  const b = await readAll(write('export.csv.gz', zlib.gzipSync(csv)));
  assert.equal(b.reader.format, 'csv+gzip');
  assert.deepEqual(
    b.records.map((r) => r.value),
    [
      { user: 'alice', action: 'login' },
      { user: 'bob', action: 'logout, forced' },
    ],
  );
  assert.deepEqual(
    b.records.map((r) => r.raw),
    ['alice,login', 'bob,"logout, forced"'],
  );
});

test('truncated gzip: records before the damage are kept and the damage is reported', async () => {
  const jsonl = Array.from({ length: 20000 }, (_, i) => JSON.stringify({ i, pad: 'abcdefghij'.repeat(3) })).join('\n');
  const gz = zlib.gzipSync(jsonl);
  const { records, errors } = await readAll(write('cut.jsonl.gz', gz.subarray(0, Math.floor(gz.length * 0.6))));
  assert.ok(records.length > 1000 && records.length < 20000, String(records.length));
  assert.ok(errors.some((e) => /gzip/.test(e.message)));
});

// ---- Delimited text ----

test('CSV delimiters: semicolon, tab, pipe and " | "', async () => {
  const cases: [string, string][] = [
    [';', 'time;user;action\n2024-01-01;alice;"a;b"\n2024-01-02;bob;c\n'],
    ['\t', 'time\tuser\taction\n2024-01-01\talice\ta,b\n2024-01-02\tbob\tc\n'],
    ['|', 'time|user|action\n2024-01-01|alice|a,b\n2024-01-02|bob|c\n'],
    [' | ', 'time | user | action\n2024-01-01 | alice | a,b\n2024-01-02 | bob | c\n'],
  ];
  for (const [delim, text] of cases) {
    const file = write('delim.txt', text);
    const { reader, records, errors } = await readAll(file);
    assert.equal(reader.format, 'csv', JSON.stringify(delim));
    assert.deepEqual(errors, []);
    assert.deepEqual(records[0].value, { time: '2024-01-01', user: 'alice', action: delim === ';' ? 'a;b' : 'a,b' });
    assert.deepEqual(
      records.map((r) => r.line),
      [2, 3],
    );
    assert.equal(records[1].raw, text.split('\n')[2]);
    assertBytes(file, records);
  }
});

test('CSV: quoted fields with line breaks and "" escapes, BOM, CRLF', async () => {
  const text = '\uFEFFid,msg,extra\r\n1,"line one\r\nline ""two""",x\r\n2,plain,"{""k"": [1, 2]}"\r\n\r\n3,"a\nb\nc",z';
  const file = write('q.csv', text);
  const { records, errors } = await readAll(file);
  assert.deepEqual(errors, []);
  assert.deepEqual(
    records.map((r) => r.line),
    [2, 4, 6],
  );
  assert.equal(records[0].value.msg, 'line one\r\nline "two"');
  assert.equal(records[0].raw, '1,"line one\r\nline ""two""",x');
  assert.deepEqual(records[1].value.extra, { k: [1, 2] });
  assert.equal(records[1].raw, '2,plain,"{""k"": [1, 2]}"');
  assert.equal(records[2].raw, '3,"a\nb\nc",z');
  assertBytes(file, records);
});

test('CSV: a ragged row is an error naming its line; a trailing delimiter is tolerated', async () => {
  const file = write('r.csv', 'a,b\n1,2\n3,4,5\n6,7,\n8\n9,10\n');
  const { records, errors } = await readAll(file);
  assert.deepEqual(
    records.map((r) => r.value),
    [
      { a: '1', b: '2' },
      { a: '6', b: '7' },
      { a: '9', b: '10' },
    ],
  );
  assert.deepEqual(errors, [
    { line: 3, message: 'row has 3 fields, header has 2' },
    { line: 5, message: 'row has 1 fields, header has 2' },
  ]);
});

test('small CSV with one row missing a field: read as CSV, that row an error naming its line', async () => {
  const text =
    'id,timestamp,actor,action\n' +
    'e1,2026-03-01T10:00:00Z,a@example.com,x.created\n' +
    'e2,2026-03-01T11:00:00Z,b@example.com\n' +
    'e3,2026-03-01T12:00:00Z,c@example.com,x.deleted\n';
  const file = write('ragged.csv', text);
  const { reader, records, errors } = await readAll(file);
  assert.equal(reader.format, 'csv');
  assert.deepEqual(
    records.map((r) => [r.line, r.value.id]),
    [
      [2, 'e1'],
      [4, 'e3'],
    ],
  );
  assert.deepEqual(errors, [{ line: 3, message: 'row has 3 fields, header has 4' }]);
  assertBytes(file, records);
});

test('ragged rows in a larger CSV: each an error with its 1-based line, across CRLF, blanks and quoted breaks', async () => {
  const lines: string[] = ['id,time,user,action'];
  const expected: RecordError[] = [];
  for (let i = 1; i <= 300; i++) {
    if (i === 40) lines.push('');
    if (i === 41) lines.push(`${i},2024-01-01T00:00:00Z,"multi\r\nline user",login`);
    else if (i === 77) lines.push(`${i},2024-01-01T00:00:00Z,bob`);
    else if (i === 150) lines.push(`${i},2024-01-01T00:00:00Z,carol,login,extra`);
    else if (i === 299) lines.push(`${i}`);
    else lines.push(`${i},2024-01-01T00:00:00Z,user${i % 7},action${i % 3}`);
    const lineNo = lines.length + (i > 41 ? 1 : 0); // the quoted field spans two lines
    if (i === 77) expected.push({ line: lineNo, message: 'row has 3 fields, header has 4' });
    if (i === 150) expected.push({ line: lineNo, message: 'row has 5 fields, header has 4' });
    if (i === 299) expected.push({ line: lineNo, message: 'row has 1 fields, header has 4' });
  }
  const file = write('big-ragged.csv', lines.join('\r\n') + '\r\n');
  const { reader, records, errors } = await readAll(file, 64);
  assert.equal(reader.format, 'csv');
  assert.equal(records.length, 297);
  assert.deepEqual(errors, expected);
  assert.deepEqual(
    expected.map((e) => e.line),
    [80, 153, 302],
  );
  const byId = new Map(records.map((r) => [r.value.id, r]));
  assert.equal(byId.get('41')!.line, 43);
  assert.equal(byId.get('41')!.value.user, 'multi\r\nline user');
  assert.equal(byId.get('78')!.line, 81);
  assertBytes(file, records);
});

test('a ragged row in a CSV without a header names its line and the usual field count', async () => {
  const text =
    '10.0.0.1,alice,login,2024-01-01T00:00:00Z\n10.0.0.2,bob,logout\n10.0.0.3,carol,login,2024-01-01T00:02:00Z\n' +
    '10.0.0.4,dave,login,2024-01-01T00:03:00Z\n';
  const { reader, records, errors } = await readAll(write('ragged.log', text));
  assert.equal(reader.format, 'csv-noheader');
  assert.equal(records.length, 3);
  assert.deepEqual(errors, [{ line: 2, message: 'row has 3 fields, other rows have 4' }]);
});

test('prose with commas is rejected; delimited text needs the first row and most rows to agree', async () => {
  const letter =
    'Dear team, please find attached the logs from last week.\n' +
    'As discussed on Monday, the export was taken at noon.\n' +
    'If anything is missing, let me know and I will rerun it.\n' +
    'Thanks again for your help, it is much appreciated.\n' +
    'Best regards, Alice\n';
  await rejects(write('letter.txt', letter), /unrecognised format/);
  const report =
    'The incident began on Tuesday morning, shortly after the deploy.\n' +
    'Our on-call engineer, who had just started her shift, noticed the alerts.\n' +
    'She paged the database team, the network team, and the security lead.\n' +
    'By noon, the root cause was identified.\n' +
    'We rolled back the change, restored the replica, and closed the ticket.\n';
  await rejects(write('report.txt', report), /unrecognised format/);
  const notes = 'Hi all,\nthe logs are attached, see below for notes\nthe export ran twice, the second one is right\nthanks for waiting, and sorry\n';
  await rejects(write('notes.txt', notes), /unrecognised format/);
  // Most rows ragged: no agreement, not CSV.
  await rejects(write('mostly-ragged.csv', 'a,b,c\n1,2\n3,4\n5,6,7\n'), /unrecognised format/);

  // ", " separated records with free text are still CSV when cells hold data.
  const spaced = 'time, user, note\n2024-01-01T00:00:00Z, alice, she came in through the side door\n2024-01-02T00:00:00Z, bob, he left by the main door\n';
  const { reader, records, errors } = await readAll(write('spaced.csv', spaced));
  assert.equal(reader.format, 'csv');
  assert.deepEqual(errors, []);
  assert.equal(records.length, 2);
});

test('CSV without a header row: numbered columns and a note', async () => {
  const text = '10.0.0.1,alice,login,2024-01-01T00:00:00Z\n10.0.0.2,bob,logout,2024-01-01T00:01:00Z\n10.0.0.1,alice,login,-\n';
  const { reader, records, errors } = await readAll(write('s.log', text));
  assert.equal(reader.format, 'csv-noheader');
  assert.deepEqual(reader.notes, ['no header row: columns numbered col1..col4']);
  assert.deepEqual(errors, []);
  assert.equal(records.length, 3);
  assert.deepEqual(records[2].value, { col1: '10.0.0.1', col2: 'alice', col3: 'login', col4: '-' });
  assert.equal(records[0].line, 1);
});

test('unclosed quote at the end of a CSV is reported, earlier rows kept', async () => {
  const { records, errors } = await readAll(write('t.csv', 'a,b\n1,2\n3,"oops\n4,5\n'));
  assert.equal(records.length, 1);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /^CSV: Quote Not Closed/);
});

// ---- Huge fields ----

test('a 10 MB field works in JSONL, a JSON array and CSV', async () => {
  const big = 'x'.repeat(10 * 1024 * 1024 - 7) + '"\\é';
  const rec = JSON.stringify({ id: 1, blob: big });
  const small = JSON.stringify({ id: 2 });

  const a = await readAll(write('big.jsonl', `${small}\n${rec}\n${small}\n`));
  assert.deepEqual(a.errors, []);
  assert.equal(a.records.length, 3);
  assert.equal(a.records[1].value.blob, big);
  assert.equal(a.records[2].line, 3);

  const b = await readAll(write('big.json', `[\n${small},\n${rec},\n${small}\n]`));
  assert.equal(b.reader.format, 'json-array');
  assert.deepEqual(b.errors, []);
  assert.equal(b.records[1].value.blob, big);
  assert.equal(b.records[1].raw.length, rec.length);

  const cell = big.replace(/"/g, '""');
  const c = await readAll(write('big.csv', `id,blob\n1,short\n2,"${cell}"\n3,end\n`));
  assert.deepEqual(c.errors, []);
  assert.equal(c.records.length, 3);
  assert.equal(c.records[1].value.blob, big);
  assert.equal(c.records[2].line, 4);
});
