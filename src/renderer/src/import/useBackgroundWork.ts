// Work the engine reports progress for besides imports (the full-text index on the first search,
// exports, and any kind added later), from progress events; a job leaves when its last event says done.
import { useState } from 'react';
import type { JobProgress } from '../../../shared/contract';
import { useHostEvent } from '../api/BackendContext';

export function useBackgroundWork(): JobProgress[] {
  const [jobs, setJobs] = useState<Map<string, JobProgress>>(new Map());
  useHostEvent((e) => {
    if (e.type !== 'progress' || e.progress.kind === 'import') return;
    const p = e.progress;
    setJobs((prev) => {
      const next = new Map(prev);
      if (p.done) next.delete(p.jobId);
      else next.set(p.jobId, p);
      return next;
    });
  });
  return [...jobs.values()];
}
