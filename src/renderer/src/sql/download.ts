// Hands text to the browser as a file download (serve), or to Electron's save handling (the app).
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // After the click has started the download; revoking at once can cancel it in Chromium.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
