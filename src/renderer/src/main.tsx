import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BackendContext } from './api/BackendContext';
import { connectBackend } from './api/connect';
import { App } from './App';
import './styles.css';

const backend = connectBackend();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BackendContext.Provider value={backend}>
      <App />
    </BackendContext.Provider>
  </StrictMode>,
);
