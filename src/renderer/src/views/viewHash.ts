// `#view=<name>` in the window's address: opening a saved view sets it, loading it reopens the view,
// so a view can be bookmarked in the browser or passed around with the served UI's address.
export function viewFromHash(hash: string): string | null {
  const m = /^#?view=(.*)$/s.exec(hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]) || null;
  } catch {
    return null;
  }
}

export const hashForView = (name: string): string => `#view=${encodeURIComponent(name)}`;
