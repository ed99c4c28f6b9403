// Drives pusher-js (the Pusher client @composio/core subscribes to trigger
// events with) against the fake's realtime endpoints, configured the way
// @composio/core configures it: the credentials from
// /api/v3/internal/sdk/realtime/credentials, channel authorization at
// /api/v3/internal/sdk/realtime/auth with the project key. A small and a
// large (chunked) trigger must both arrive.
// Run by .ci/conformance/run; COMPOSIO_BASE_URL and COMPOSIO_API_KEY point at the fake.
import Pusher from 'pusher-js';

const base = new URL(process.env.COMPOSIO_BASE_URL);
const key = process.env.COMPOSIO_API_KEY;
const fail = (msg) => { console.log('FAIL  pusher-js  ' + msg); process.exit(1); };
setTimeout(() => fail('timed out'), 20000).unref();

const creds = await (await fetch(`${base.origin}/api/v3/internal/sdk/realtime/credentials`, { headers: { 'x-api-key': key } })).json();
const pusher = new Pusher(creds.pusher_key, {
  cluster: creds.pusher_cluster,
  wsHost: base.hostname, wsPort: Number(base.port), forceTLS: false, enabledTransports: ['ws'],
  channelAuthorization: { endpoint: `${base.origin}/api/v3/internal/sdk/realtime/auth`, transport: 'ajax', headers: { 'x-api-key': key } },
});
const channel = pusher.subscribe(`private-${creds.project_id}_triggers`);
const big = 'x'.repeat(40000);
const fire = (data) => fetch(`${base.origin}/fake/triggers/fire`, {
  method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' },
  body: JSON.stringify({ trigger_slug: 'GITHUB_COMMIT_EVENT', data }),
});
const got = [];
const done = () => {
  if (got.length < 2) return;
  pusher.disconnect();
  console.log('ok  pusher-js subscribed, received a trigger and a chunked one (' + got.join(', ') + ')');
  process.exit(0);
};
channel.bind('pusher:subscription_error', (e) => fail('subscription refused: ' + JSON.stringify(e)));
channel.bind('pusher:subscription_succeeded', async () => { await fire({ id: 'small' }); await fire({ id: 'big', message: big }); });
channel.bind('trigger_to_client', (ev) => {
  if (ev?.metadata?.trigger_slug !== 'GITHUB_COMMIT_EVENT' || ev?.data?.id !== 'small') fail('unexpected event ' + JSON.stringify(ev).slice(0, 200));
  got.push('small'); done();
});
const pieces = {};
channel.bind('chunked-trigger_to_client', (c) => {
  (pieces[c.id] ??= [])[c.index] = c.chunk;
  if (!c.final) return;
  const ev = JSON.parse(pieces[c.id].join(''));
  if (ev?.data?.message !== big) fail('the chunked event did not join');
  got.push(`big in ${pieces[c.id].length} pieces`); done();
});
