// Drives the official TypeScript client (@composio/client) against the fake
// server: every call must succeed, so the fake answers what that client sends
// (its auth header, its comma-joined arrays, its bodies) the way the API does.
// Run by .ci/conformance/run; COMPOSIO_BASE_URL and COMPOSIO_API_KEY point at the fake.
import Composio from '@composio/client';
const c = new Composio({ apiKey: process.env.COMPOSIO_API_KEY, baseURL: process.env.COMPOSIO_BASE_URL, allowInsecureHTTP: true, maxRetries: 0 });
const results = [];
async function check(name, fn) {
  try { const r = await fn(); results.push(['ok', name, JSON.stringify(r).slice(0, 100)]); return r; }
  catch (e) { results.push(['FAIL', name, String(e.status ?? '') + ' ' + String(e.message).slice(0, 200)]); }
}
const tk = await check('toolkits.list', () => c.toolkits.list({ limit: 2, sort_by: 'usage' }));
if (tk?.next_cursor) await check('toolkits.list cursor', () => c.toolkits.list({ limit: 2, cursor: tk.next_cursor }));
await check('toolkits.retrieve', () => c.toolkits.retrieve('github'));
await check('toolkits.categories', () => c.toolkits.retrieveCategories());
await check('toolkits.multi', () => c.toolkits.retrieveMulti({ toolkits: ['github', 'slack'] }));
await check('tools.list', () => c.tools.list({ toolkit_slug: 'github', tags: ['issues'] }));
await check('tools.retrieve', () => c.tools.retrieve('COMPOSIO_ECHO', { toolkit_versions: 'latest' }));
await check('tools.execute echo', () => c.tools.execute('COMPOSIO_ECHO', { arguments: { message: 'hi' }, version: '20250901_00' }));
const ac = await check('authConfigs.create', () => c.authConfigs.create({ toolkit: { slug: 'github' }, auth_config: { type: 'use_composio_managed_auth' } }));
await check('authConfigs.list', () => c.authConfigs.list({ toolkit_slug: 'github' }));
const acID = ac?.auth_config?.id;
const link = await check('link.create', () => c.link.create({ auth_config_id: acID, user_id: 'ts-user' }));
await check('connectedAccounts.list arrays', () => c.connectedAccounts.list({ user_ids: ['ts-user', 'other'], statuses: ['INITIATED', 'ACTIVE'] }));
if (link?.redirect_url) { await fetch(link.redirect_url, { redirect: 'manual' }); }
if (link?.connected_account_id) await check('connectedAccounts.retrieve', () => c.connectedAccounts.retrieve(link.connected_account_id));
await check('tools.execute github', () => c.tools.execute('GITHUB_GET_THE_AUTHENTICATED_USER', { user_id: 'ts-user', version: '20250906_01' }));
await check('triggersTypes.list', () => c.triggersTypes.list({ toolkit_slugs: ['github'] }));
await check('triggerInstances.listActive', () => c.triggerInstances.listActive({ user_ids: ['ts-user'] }));
await check('webhookSubscriptions.listEventTypes', () => c.webhookSubscriptions.listEventTypes());
await check('files.list', () => c.files.list({}));
await check('mcp.list', () => c.mcp.list({}));
const sess = await check('toolRouter.session.create', () => c.toolRouter.session.create({ user_id: 'ts-user' }));
if (sess?.session_id) await check('toolRouter.session.search', () => c.toolRouter.session.search(sess.session_id, { queries: [{ use_case: 'echo a message' }] }));
await check('logs.createToolExecution', () => c.logs.createToolExecution({ limit: 2 }));
await check('project.usage.retrieveSummary', () => c.project.usage.retrieveSummary({}));
const acct = link?.connected_account_id;
await check('triggerInstances.upsert', () => c.triggerInstances.upsert('GITHUB_COMMIT_EVENT', { connected_account_id: acct, trigger_config: { owner: 'acme', repo: 'web' } }));
await check('webhookSubscriptions.create', () => c.webhookSubscriptions.create({ webhook_url: 'https://example.com/hooks', enabled_events: ['composio.trigger.message'] }));
await check('mcp.create', () => c.mcp.create({ name: 'ts-conformance', auth_config_ids: [acID] }));
await check('files.createPresignedURL', () => c.files.createPresignedURL({ filename: 'a.txt', mimetype: 'text/plain', md5: '0cc175b9c0f1b6a831c399e269772661', tool_slug: 'COMPOSIO_ECHO', toolkit_slug: 'composio' }));
await check('tools.proxy', () => c.tools.proxy({ connected_account_id: acct, endpoint: '/user', method: 'GET' }));
await check('connectedAccounts.refresh', () => c.connectedAccounts.refresh(acct, {}));
await check('connectedAccounts.delete', () => c.connectedAccounts.delete(acct));
for (const r of results) console.log(r.join('  '));
if (results.some((r) => r[0] !== 'ok')) process.exit(1);
console.log(`${results.length} calls of the official client answered by the fake`);
