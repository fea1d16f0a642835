import type { CaseInfo } from '../../../shared/contract';
import { OpenCaseForm } from './OpenCaseForm';

/** Shown while no case is open: the one thing to do first. */
export function EmptyCase({ onOpened }: { onOpened(info: CaseInfo): void }) {
  return (
    <div className="empty-state" data-testid="empty-case">
      <h2>No case is open</h2>
      <p>
        A case is one file holding every event you import, with its raw record and where it came from. Type the path of an existing case, or a new path to
        create one.
      </p>
      <OpenCaseForm onOpened={onOpened} />
    </div>
  );
}
