// The colour scheme: the system's (prefers-color-scheme) unless the user picked light or dark, kept in
// this browser profile. The resolved scheme is put on <html data-theme> so CSS variables switch in one place.
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'auditdesk.theme';
const media = () => window.matchMedia?.('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

export function storedChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function resolve(choice: ThemeChoice): Theme {
  if (choice !== 'system') return choice;
  return media()?.matches ? 'dark' : 'light';
}

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

export function applyTheme(choice: ThemeChoice): void {
  const theme = resolve(choice);
  const root = document.documentElement;
  root.dataset.themeChoice = choice;
  if (root.dataset.theme === theme) return;
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
  for (const l of listeners) l();
}

export function setChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Storage can be unavailable (private windows); the choice then lasts this session.
  }
  applyTheme(choice);
}

/** Calls `fn` whenever the resolved theme changes; returns the unsubscribe. */
export function onThemeChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Applies the stored choice before the first paint and follows the system while it is "system". */
export function initTheme(): void {
  applyTheme(storedChoice());
  media()?.addEventListener('change', () => applyTheme(storedChoice()));
}
