// Monaco's built-in theme matching the app's colour scheme (kept out of monacoSetup so callers need
// not load monaco to ask).
import { currentTheme } from './theme';

export const monacoTheme = () => (currentTheme() === 'dark' ? 'vs-dark' : 'vs');
