// The neutralising rule itself, cell by cell: what a spreadsheet would run gets the prefix wherever a
// reader might start a cell (the start, or after , ; tab | or a line break), and nothing else is touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, neutraliseRow } from '../../src/main/engine/export/csv-cell';

test('csvCell: parts after any separator are neutralised; plain negative numbers and empty tab fields are not', () => {
  const cases: [string, string, boolean][] = [
    ['=1+0;@evil0;-0', "'=1+0;'@evil0;-0", true],
    ['a|+b', "a|'+b", true],
    ['x\t=y', "x\t'=y", true],
    ['a,@b', `"a,'@b"`, true],
    ['l\n-r', `"l\n'-r"`, true],
    ['-12', '-12', false],
    ['-0.5;-3', '-0.5;-3', false],
    ['-1+2', "'-1+2", true],
    ['-5e3', "'-5e3", true],
    ['a\t\tb', 'a\t\tb', false],
    ['a;\tb', "a;'\tb", true],
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false],
  ];
  for (const [text, cell, neutralised] of cases) assert.deepEqual(csvCell(text), { cell, neutralised }, JSON.stringify(text));
});

test('neutraliseRow: cell starts and parts inside cells, whatever the delimiter; empty TSV cells stay empty', () => {
  assert.deepEqual(neutraliseRow('=1+0;@evil0;-0', ';'), { row: "'=1+0;'@evil0;-0", columns: [0, 1] });
  assert.deepEqual(neutraliseRow('time;=HYPERLINK("x");actor', ';'), { row: `time;'=HYPERLINK("x");actor`, columns: [1] });
  assert.deepEqual(neutraliseRow('a,"x;=cmd|@y",b', ','), { row: `a,"x;'=cmd|'@y",b`, columns: [1] });
  assert.deepEqual(neutraliseRow('bob\t\tview', '\t'), { row: 'bob\t\tview', columns: [] });
  assert.deepEqual(neutraliseRow('a | =b', ' | '), { row: "a | '=b", columns: [1] });
});
