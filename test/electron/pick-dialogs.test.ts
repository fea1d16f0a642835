// The native pickers of the Electron window (case picker "Choose folder…", import "Add files"), in plain
// Node: there is no Electron binary here, so the dialog is passed in and answers as the real one does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { IpcMainInvokeEvent, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { PICK_CASE_CHANNEL, PICK_FILES_CHANNEL, pickHandlers } from '../../src/main/host/pick-dialogs';
import { REPO_ROOT, tempDir } from '../helpers/paths';

const OURS = { sender: 'our window' } as unknown as IpcMainInvokeEvent;
const OTHER = { sender: 'another frame' } as unknown as IpcMainInvokeEvent;

/** A dialog that records what it was asked and answers with the given choice (null: the user cancelled). */
function fakeDialog(choice: string[] | null) {
  const asked: OpenDialogOptions[] = [];
  const show = (options: OpenDialogOptions): Promise<OpenDialogReturnValue> => {
    asked.push(options);
    return Promise.resolve(choice ? { canceled: false, filePaths: choice } : { canceled: true, filePaths: [] });
  };
  return { show, asked };
}

const handlersWith = (choice: string[] | null) => {
  const d = fakeDialog(choice);
  return { ...d, handlers: pickHandlers(d.show, (e) => e === OURS) };
};

test('choose folder: the folder dialog (which may make a new folder) gives the case folder, or null when cancelled', async () => {
  const folder = path.join(tempDir(), 'new case');
  fs.mkdirSync(folder);
  const chosen = handlersWith([folder]);
  assert.equal(await chosen.handlers[PICK_CASE_CHANNEL](OURS), folder);
  assert.equal(chosen.asked.length, 1);
  assert.deepEqual([...(chosen.asked[0].properties ?? [])].sort(), ['createDirectory', 'openDirectory']);
  assert.ok(!chosen.asked[0].properties?.includes('openFile'), 'a case is a folder, not a file');

  const cancelled = handlersWith(null);
  assert.equal(await cancelled.handlers[PICK_CASE_CHANNEL](OURS), null);
  // A dialog that answers "not cancelled" with nothing chosen is a cancel too, never an empty path.
  assert.equal(await handlersWith([]).handlers[PICK_CASE_CHANNEL](OURS), null);
});

test('add files: every chosen file, several at once, or none when cancelled', async () => {
  const dir = tempDir();
  const files = ['a.jsonl', 'b.json.gz'].map((f) => path.join(dir, f));
  for (const f of files) fs.writeFileSync(f, '{}\n');
  const chosen = handlersWith(files);
  assert.deepEqual(await chosen.handlers[PICK_FILES_CHANNEL](OURS), files);
  assert.ok(chosen.asked[0].properties?.includes('openFile') && chosen.asked[0].properties.includes('multiSelections'));
  assert.deepEqual(await handlersWith(null).handlers[PICK_FILES_CHANNEL](OURS), []);
});

test('a call from anything but our own window is refused before a dialog opens', async () => {
  const { handlers, asked } = handlersWith(['/etc']);
  for (const channel of [PICK_CASE_CHANNEL, PICK_FILES_CHANNEL]) {
    await assert.rejects(() => handlers[channel](OTHER), /refused: not the AuditDesk window/);
  }
  assert.equal(asked.length, 0);
});

test('the preload invokes the channels the host handles', () => {
  // The preload repeats the names to stay tiny; a rename on one side only would break Browse silently.
  const preload = fs.readFileSync(path.join(REPO_ROOT, 'src/preload/index.ts'), 'utf8');
  for (const channel of [PICK_CASE_CHANNEL, PICK_FILES_CHANNEL]) assert.ok(preload.includes(`invoke('${channel}')`), channel);
});
