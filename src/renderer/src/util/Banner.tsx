// A one-line error under the header (an unknown #view=, a case error): the whole text is in its
// tooltip, and × hides it until a different message comes, so it never takes over the window.
import { useState } from 'react';

interface Props {
  message: string;
  testId?: string;
  /** Called after it is hidden (the owner may clear the error too). */
  onDismiss?(): void;
}

export function Banner({ message, testId, onDismiss }: Props) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (dismissed === message) return null;
  return (
    <div className="form-error banner" role="alert" data-testid={testId} title={message}>
      <span className="banner-text">{message}</span>
      <button
        className="icon"
        aria-label="Dismiss"
        data-testid="banner-dismiss"
        onClick={() => {
          setDismissed(message);
          onDismiss?.();
        }}
      >
        ×
      </button>
    </div>
  );
}
