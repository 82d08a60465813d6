// A raw Chrome DevTools Protocol connection to the whole browser (targets playwright-core does not
// expose, e.g. an extension's service worker). Launch Chromium with --remote-debugging-port=0;
// the port is in <profile>/DevToolsActivePort.
//   const cdp = await connectCdp(profileDir);  await cdp.send(method, params, sessionId?)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWebSocket } from './bidi.mjs';
import { until } from './browsers.mjs';

export async function connectCdp(profile) {
  const port = await until(() => {
    try {
      return Number(readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0]);
    } catch {
      return 0;
    }
  }, 'DevToolsActivePort');
  const info = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
  const ws = await openWebSocket(info.webSocketDebuggerUrl);
  let id = 0;
  const pending = new Map();
  ws.on('message', (t) => {
    const m = JSON.parse(t);
    if (m.id && pending.has(m.id)) {
      pending.get(m.id)(m);
      pending.delete(m.id);
    }
  });
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const i = ++id;
      pending.set(i, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      ws.send(JSON.stringify({ id: i, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  return { send, close: () => ws.close() };
}

/** The extension's service worker target, or undefined when it is not running. */
export async function extensionWorkerTarget(cdp, extensionId) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
}

/** Stops the extension's service worker (as Chrome does when it is idle); true when it went away. */
export async function stopExtensionWorker(cdp, extensionId) {
  const sw = await extensionWorkerTarget(cdp, extensionId);
  if (!sw) return false;
  await cdp.send('Target.closeTarget', { targetId: sw.targetId });
  return until(async () => !(await cdp.send('Target.getTargets')).targetInfos.some((t) => t.targetId === sw.targetId), 'worker stopped', 5000).then(
    () => true,
    () => false,
  );
}
