// The native pickers behind the case picker's "Choose folder…" and the import's "Add files", apart from
// Electron's dialog module so that their logic runs in plain Node with the dialog passed in.
import type { IpcMainInvokeEvent, OpenDialogOptions, OpenDialogReturnValue } from 'electron';

export const PICK_FILES_CHANNEL = 'auditdesk:pickFiles';
export const PICK_CASE_CHANNEL = 'auditdesk:pickCase';

export type ShowOpenDialog = (options: OpenDialogOptions) => Promise<OpenDialogReturnValue>;

export const FILES_DIALOG: OpenDialogOptions = {
  title: 'Add audit log files',
  properties: ['openFile', 'multiSelections'],
  filters: [
    { name: 'Audit exports', extensions: ['json', 'jsonl', 'ndjson', 'log', 'csv', 'txt', 'gz'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

// A case is a folder: the folder dialog, which may also make a new one to create the case in.
export const CASE_DIALOG: OpenDialogOptions = { title: 'Open or create a case', properties: ['openDirectory', 'createDirectory'] };

/** The two handlers by channel; a call from anything but our own window is refused before a dialog opens. */
export function pickHandlers(
  show: ShowOpenDialog,
  trusted: (e: IpcMainInvokeEvent) => boolean,
): Record<string, (e: IpcMainInvokeEvent) => Promise<string[] | string | null>> {
  const refuse = (e: IpcMainInvokeEvent) => {
    if (!trusted(e)) throw new Error('refused: not the AuditDesk window');
  };
  return {
    [PICK_FILES_CHANNEL]: async (e) => {
      refuse(e);
      const r = await show(FILES_DIALOG);
      return r.canceled ? [] : r.filePaths;
    },
    [PICK_CASE_CHANNEL]: async (e) => {
      refuse(e);
      const r = await show(CASE_DIALOG);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
