// The popup: is Ownframe active on this tab, and if not, why (site switched off, no editor found,
// selector miss, unsupported site); a per-site switch.
import { loadSettings, saveSettings, SITES } from './settings.js';

const ext = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

async function main() {
  // ?tab=ID shows the status of that tab (the popup opened as a page, e.g. by the tests)
  const asked = Number(new URLSearchParams(location.search).get('tab'));
  const [tab] = asked ? [{ id: asked }] : await ext.tabs.query({ active: true, currentWindow: true });
  let status = null;
  try {
    const reply = await ext.tabs.sendMessage(tab.id, { type: 'page-status' });
    if (reply?.ok) status = reply.result;
  } catch {
    // no content script on this tab
  }
  if (!status) {
    $('state').textContent = 'Not active on this tab.';
    $('detail').textContent = 'Ownframe runs on GitHub issues, Jira Cloud and the self-hosted hosts you add in Options (reload the tab after installing).';
    return;
  }
  if (status.enabled && status.editors > 0) {
    $('state').textContent = `Active on ${status.siteName}: ${status.editors} editor${status.editors === 1 ? '' : 's'}.`;
  } else if (status.enabled) {
    $('state').textContent = `Active on ${status.siteName}, no ticket editor here.`;
  } else {
    $('state').textContent = 'Not active on this tab.';
  }
  $('detail').textContent = status.reason || (status.misses?.length ? status.misses.join('; ') : '');
  if (status.site && SITES[status.site]) {
    const settings = await loadSettings();
    $('site-switch').hidden = false;
    $('site-label').textContent = `Active on ${SITES[status.site]}`;
    $('site-enabled').checked = settings.sites[status.site] !== false;
    $('site-enabled').addEventListener('change', async (e) => {
      const s = await loadSettings();
      await saveSettings({ sites: { ...s.sites, [status.site]: e.target.checked } });
      $('state').textContent = e.target.checked ? 'Switched on.' : 'Switched off.';
    });
  }
}

main().catch((e) => ($('state').textContent = `Ownframe: ${e.message}`));
