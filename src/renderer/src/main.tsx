import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BackendContext } from './api/BackendContext';
import { connectBackend } from './api/connect';
import { App } from './App';
import { DisplayZoneProvider } from './timezone/DisplayZoneContext';
import './styles.css';
import './theme/dark.css';
import { initTheme } from './theme/theme';

// Before the first render, so a dark profile never flashes light.
initTheme();
const backend = connectBackend();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BackendContext.Provider value={backend}>
      <DisplayZoneProvider>
        <App />
      </DisplayZoneProvider>
    </BackendContext.Provider>
  </StrictMode>,
);
