// Choosing a case without typing its path: the cases opened lately, and a listing of a folder.

/** serve's GET endpoints (same token and origin checks as every request). */
export const RECENT_CASES_PATH = '/api/cases/recent';
export const CASE_FOLDER_PATH = '/api/cases/folder';

export interface RecentCase {
  path: string;
  openedAt: string;
}

export interface CaseFolderListing {
  /** The folder listed (resolved). */
  dir: string;
  /** Its parent while still inside the allowed cases folder, else null. */
  parent: string | null;
  /** Sub-folders; case: it holds a case (case.sqlite). */
  entries: { name: string; path: string; case: boolean }[];
}
