// Header control for the colour scheme: follow the system, or force light or dark.
import { useState } from 'react';
import { setChoice, storedChoice, type ThemeChoice } from './theme';

export function ThemeSwitch() {
  const [choice, setLocal] = useState<ThemeChoice>(storedChoice);
  return (
    <select
      className="theme-switch"
      data-testid="theme-switch"
      aria-label="Colour scheme"
      title="Colour scheme"
      value={choice}
      onChange={(e) => {
        const c = e.target.value as ThemeChoice;
        setLocal(c);
        setChoice(c);
      }}
    >
      <option value="system">system theme</option>
      <option value="light">light</option>
      <option value="dark">dark</option>
    </select>
  );
}
