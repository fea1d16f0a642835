// Where the recent cases and the folder listing come from: serve's endpoints in the browser; in the
// app, localStorage (its app:// origin is fixed, so it lasts) and the native folder dialog.
import { CASE_FOLDER_PATH, RECENT_CASES_PATH, type CaseFolderListing, type RecentCase } from '../../../shared/cases';
import { getBridge } from '../api/bridge';

const KEY = 'auditdesk.recentCases';

export const inApp = () => getBridge() !== undefined;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { credentials: 'same-origin' });
  const body = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `${res.status} ${res.statusText}`);
  return body;
}

export async function loadRecent(): Promise<RecentCase[]> {
  if (!inApp()) return getJson<RecentCase[]>(RECENT_CASES_PATH);
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as RecentCase[];
  } catch {
    return [];
  }
}

/** The app remembers in the page; serve remembers on its side when the case opens. */
export function noteOpened(path: string): void {
  if (!inApp()) return;
  const list = [
    { path, openedAt: new Date().toISOString() },
    ...(JSON.parse(localStorage.getItem(KEY) ?? '[]') as RecentCase[]).filter((c) => c.path !== path),
  ];
  localStorage.setItem(KEY, JSON.stringify(list.slice(0, 10)));
}

export const listFolder = (dir: string | null) => getJson<CaseFolderListing>(`${CASE_FOLDER_PATH}${dir ? `?dir=${encodeURIComponent(dir)}` : ''}`);
