// Copies text: the async clipboard where the page may use it, else the old copy command (plain http
// pages that are not a secure context, older Electron).
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    const box = document.createElement('textarea');
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.value = text;
    box.style.position = 'fixed';
    box.style.opacity = '0';
    document.body.appendChild(box);
    box.select();
    const ok = document.execCommand('copy');
    box.remove();
    back?.focus();
    if (!ok) throw new Error('the clipboard refused the text');
  }
}
