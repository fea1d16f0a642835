// How files reach the backend: Electron knows real paths; a browser must upload the bytes first.
import type { AuditDeskApi, ImportReport } from '../../../shared/contract';
import { UPLOAD_PATH } from '../../../shared/wire';
import type { AuditDeskBridge } from './bridge';

export interface FileIntake {
  /** True when "Add files" opens a native dialog (Electron) rather than an <input type=file>. */
  readonly nativePicker: boolean;
  /** Native dialog; only when nativePicker. Resolves to the chosen paths. */
  pickFiles(): Promise<string[]>;
  /** Turns dropped or picked File objects into an import. */
  importFiles(files: File[], jobId: string): Promise<ImportReport>;
  importPaths(paths: string[], jobId: string): Promise<ImportReport>;
}

export function electronIntake(api: AuditDeskApi, bridge: AuditDeskBridge): FileIntake {
  return {
    nativePicker: true,
    pickFiles: () => bridge.pickFiles(),
    importFiles: (files, jobId) =>
      api.importFiles({
        paths: files.map((f) => bridge.pathForFile(f)),
        originalNames: files.map((f) => f.name),
        jobId,
      }),
    importPaths: (paths, jobId) => api.importFiles({ paths, jobId }),
  };
}

export function browserIntake(api: AuditDeskApi): FileIntake {
  return {
    nativePicker: false,
    pickFiles: () => Promise.resolve([]),
    async importFiles(files, jobId) {
      const paths: string[] = [];
      for (const file of files) paths.push(await upload(file));
      return api.importFiles({ paths, originalNames: files.map((f) => f.name), jobId });
    },
    importPaths: (paths, jobId) => api.importFiles({ paths, jobId }),
  };
}

async function upload(file: File): Promise<string> {
  const res = await fetch(`${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    body: file,
  });
  if (!res.ok) throw new Error(`Upload of ${file.name} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { path?: string };
  if (!body.path) throw new Error(`Upload of ${file.name} answered without a path`);
  return body.path;
}
