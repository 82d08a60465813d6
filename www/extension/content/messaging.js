// Messages to the background, where the wasm core runs. Chrome stops an idle service worker at
// any time and the first message after that can fail while it restarts: retry once.
const ext = globalThis.browser ?? globalThis.chrome;

export async function send(msg) {
  let reply;
  try {
    reply = await ext.runtime.sendMessage(msg);
  } catch (e) {
    if (!ext.runtime?.id) throw new Error('Ownframe was updated or removed: reload the page');
    reply = await ext.runtime.sendMessage(msg);
  }
  if (reply === undefined) reply = await ext.runtime.sendMessage(msg);
  if (!reply || reply.ok !== true) throw new Error(reply?.error || 'no answer from the Ownframe background');
  return reply.result;
}
