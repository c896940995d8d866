// Subscribes with the real npm clients, graphql-sse (distinct connections), graphql-ws (graphql-transport-ws)
// and subscriptions-transport-ws (the older graphql-ws sub-protocol), edits a session with a mutation sent over
// the last, and prints as JSON the first event each client received, the legacy client's query and mutation
// results, and how the legacy protocol refused a bad key.
// Usage: node live.mjs http://127.0.0.1:PORT EDITOR_KEY
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import legacyTransport from 'subscriptions-transport-ws';
import WebSocket from 'ws';

const { SubscriptionClient } = legacyTransport;

const [origin, editorKey] = process.argv.slice(2);
const slug = 'hotplug';
// Generous: on a loaded 2-core machine a subscription may take seconds to go live.
const deadline = Date.now() + 60000;

async function graphql(query, variables) {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${editorKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) {
    throw new Error(JSON.stringify(body.errors));
  }
  return body.data;
}

// subscriptions-transport-ws's request() is an observable: its first result, queries and mutations included.
function firstLegacyResult(client, query, variables) {
  return new Promise((resolve, reject) => {
    const subscription = client.request({ query, variables }).subscribe({
      next: value => { subscription.unsubscribe(); resolve(value); },
      error: error => reject(new Error(JSON.stringify(error))),
    });
  });
}

function firstEvent(client, query) {
  return new Promise((resolve, reject) => {
    const dispose = client.subscribe({ query }, {
      next: value => { dispose(); resolve(value); },
      error: error => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
      complete: () => {},
    });
  });
}

const sse = createSseClient({ url: `${origin}/graphql/stream` });
const ws = createWsClient({
  url: `${origin.replace(/^http/, 'ws')}/graphql`,
  webSocketImpl: WebSocket,
  // Browsers cannot set headers on a WebSocket, so the key travels in connection_init.
  connectionParams: { Authorization: `Bearer ${editorKey}` },
  retryAttempts: 0,
});

const wsUrl = `${origin.replace(/^http/, 'ws')}/graphql`;
const legacy = new SubscriptionClient(wsUrl, { connectionParams: { Authorization: `Bearer ${editorKey}` }, reconnect: false }, WebSocket);
const refusal = new Promise(resolve => {
  const refused = new SubscriptionClient(wsUrl, {
    connectionParams: { Authorization: 'Bearer not-a-key' },
    reconnect: false,
    connectionCallback: error => { resolve(error); refused.close(); },
  }, WebSocket);
});
const legacyQuery = await firstLegacyResult(legacy, '{ event { name } }');

const received = Promise.all([
  // Anonymous over SSE: the published session's own subscription.
  firstEvent(sse, `subscription { onSessionChanged(slug: "${slug}") { slug eventSlug session { title } } }`),
  // An editor over WebSocket: the edition's programme.
  firstEvent(ws, 'subscription { onProgrammeChanged(event: "kubevirt-summit-2021") { eventSlug sessionSlugs wholeProgramme event { name } } }'),
  // An editor over the older protocol: the session's own changes, with its key.
  firstLegacyResult(legacy, `subscription { onSessionChanged(slug: "${slug}") { slug session { title status } } }`),
]);

// Neither protocol confirms that a subscription is live, so edit until both have heard, or time runs out.
let done = false;
let legacyMutation;
received.then(() => { done = true; }, () => { done = true; });
for (let edit = 1; !done && Date.now() < deadline; edit++) {
  const { session } = await graphql('query ($slug: String!) { session(slug: $slug) { id version } }', { slug });
  legacyMutation = await firstLegacyResult(legacy,
    'mutation ($input: UpdateSessionInput!) { updateSession(input: $input) { session { title } errors { __typename } } }',
    { input: { id: session.id, version: session.version, title: `Introducing Volume Hotplug in KubeVirt (edit ${edit})` } });
  await new Promise(resolve => setTimeout(resolve, 300));
}

let timer;
try {
  const [sseEvent, wsEvent, legacyEvent] = await Promise.race([
    received,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('no event within 60 s')), Math.max(0, deadline - Date.now()) + 1000); }),
  ]);
  console.log(JSON.stringify({
    sse: sseEvent,
    ws: wsEvent,
    legacy: { query: legacyQuery, mutation: legacyMutation, event: legacyEvent, refusal: await refusal },
  }));
} catch (error) {
  console.error(`Live test failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  clearTimeout(timer);
  sse.dispose();
  await ws.dispose();
  legacy.close();
}
