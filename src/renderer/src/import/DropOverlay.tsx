export function DropOverlay({ visible, enabled }: { visible: boolean; enabled: boolean }) {
  if (!visible) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <div className="drop-box">{enabled ? 'Drop files to import them into the case' : 'Open or create a case first'}</div>
    </div>
  );
}
