import { useRef } from 'react';
import { useBackend } from '../api/BackendContext';

interface Props {
  disabled?: boolean;
  onFiles(files: File[]): void;
  onPaths(paths: string[]): void;
}

/** Electron opens its native dialog (real paths); the browser uses a hidden file input. */
export function AddFilesButton({ disabled, onFiles, onPaths }: Props) {
  const { intake } = useBackend();
  const input = useRef<HTMLInputElement>(null);
  const click = () => {
    if (intake.nativePicker) void intake.pickFiles().then(onPaths);
    else input.current?.click();
  };
  return (
    <>
      <button className="primary" onClick={click} disabled={disabled} data-testid="add-files-button">
        Add files…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="add-files-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          onFiles(files);
        }}
      />
    </>
  );
}
