// Running import jobs (from progress events) and the reports of finished ones.
import { useCallback, useState } from 'react';
import type { ImportReport, JobProgress } from '../../../shared/contract';
import { useBackend, useHostEvent } from '../api/BackendContext';
import { errorMessage } from '../util/format';

export interface FinishedImport {
  jobId: string;
  names: string[];
  report: ImportReport | null;
  error: string | null;
}

export interface ImportsState {
  jobs: JobProgress[];
  /** Names the user knows the files of a job by (uploads run under server-side paths). */
  jobNames: Map<string, string[]>;
  finished: FinishedImport[];
  /** Jobs started here whose first progress event has not come yet (uploads, queueing). */
  starting: { jobId: string; names: string[] }[];
  importFiles(files: File[]): void;
  importPaths(paths: string[]): void;
  cancel(jobId: string): void;
  dismiss(jobId: string): void;
}

let jobSeq = 0;
function newJobId(): string {
  const rnd = Math.random().toString(36).slice(2, 8);
  return `ui-${Date.now().toString(36)}-${++jobSeq}-${rnd}`;
}

export function useImports(onImported: () => void): ImportsState {
  const { intake, api } = useBackend();
  const [jobs, setJobs] = useState<Map<string, JobProgress>>(new Map());
  const [starting, setStarting] = useState<{ jobId: string; names: string[] }[]>([]);
  const [finished, setFinished] = useState<FinishedImport[]>([]);
  const [jobNames, setJobNames] = useState<Map<string, string[]>>(new Map());

  useHostEvent((e) => {
    if (e.type !== 'progress' || e.progress.kind !== 'import') return;
    const p = e.progress;
    setStarting((s) => s.filter((j) => j.jobId !== p.jobId));
    setJobs((prev) => {
      const next = new Map(prev);
      if (p.done) next.delete(p.jobId);
      else next.set(p.jobId, p);
      return next;
    });
  });

  const run = useCallback(
    (names: string[], start: (jobId: string) => Promise<ImportReport>) => {
      const jobId = newJobId();
      setStarting((s) => [...s, { jobId, names }]);
      setJobNames((m) => new Map(m).set(jobId, names));
      const settle = (report: ImportReport | null, error: string | null) => {
        setStarting((s) => s.filter((j) => j.jobId !== jobId));
        setJobs((prev) => {
          if (!prev.has(jobId)) return prev;
          const next = new Map(prev);
          next.delete(jobId);
          return next;
        });
        setFinished((f) => [{ jobId, names, report, error }, ...f]);
        setJobNames((m) => {
          const next = new Map(m);
          next.delete(jobId);
          return next;
        });
        onImported();
      };
      start(jobId).then(
        (r) => settle(r, null),
        (e: unknown) => settle(null, errorMessage(e)),
      );
    },
    [onImported],
  );

  return {
    jobs: [...jobs.values()],
    jobNames,
    finished,
    starting,
    importFiles: (files) => {
      if (files.length)
        run(
          files.map((f) => f.name),
          (id) => intake.importFiles(files, id),
        );
    },
    importPaths: (paths) => {
      if (paths.length) run(paths, (id) => intake.importPaths(paths, id));
    },
    cancel: (jobId) => void api.cancelJob({ jobId }).catch(() => undefined),
    dismiss: (jobId) => setFinished((f) => f.filter((x) => x.jobId !== jobId)),
  };
}
