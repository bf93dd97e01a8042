// The renderer's entry: makes sure window.thor exists (the preload sets it in Electron; in a plain browser the
// transport connects to the browser host), mounts the app, then connects the stores to the desk: the snapshot,
// then the pushed events. Everything the window knows arrives through window.thor.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectDesk } from './state/connect';
import { setConnection } from './state/desk';
import { ensureThorApi } from './transport/ensureThorApi';
import './styles.css';

async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  let failure: string | null = null;
  try {
    await ensureThorApi();
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // The app renders either way: offline, it shows why instead of a blank window.
  if (failure !== null) setConnection({ state: 'offline', reason: failure });
  else await connectDesk();
}

void start();
