// The official TypeScript v2 client (@modelcontextprotocol/client 2.4.0) drives the Everything sample over
// Streamable HTTP (a real Kestrel in a child process) in both eras, and subscriptions/listen streams (through the
// client's listen() and raw) hear a tool added and removed at run time.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { everything } from '../lib/servers.mjs';
import { startHttpServer } from '../lib/http-server.mjs';
import { ERAS, MODERN, LEGACY, recordWire, requests, v2Client, until, within } from '../lib/v2-client.mjs';
import { defineEraTests } from '../lib/v2-era-tests.mjs';
import { post, modernMeta, responseOf, sseMessages } from '../lib/raw-http.mjs';

const SUBSCRIPTION_ID = 'io.modelcontextprotocol/subscriptionId';
let server;

before(async () => { server = await startHttpServer(everything('--http', 'http://127.0.0.1:0')); });
after(async () => { await server?.stop(); });

/** A fetch that records each HTTP request's method, headers and JSON body before sending it. */
function recordingFetch(log) {
  return (url, init = {}) => {
    log.push({ method: init.method ?? 'GET', headers: new Headers(init.headers), body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
    return fetch(url, init);
  };
}

async function connect(mode) {
  const http = [];
  const transport = new StreamableHTTPClientTransport(server.url, { fetch: recordingFetch(http) });
  const wire = recordWire(transport);
  const { client, asked, errors } = v2Client(mode);
  await client.connect(transport, { timeout: 15000 });
  return { client, transport, wire, http, asked, errors };
}

/** Calls test_trigger_tool_change with a raw modern request (adds test_dynamic_tool, or removes it when present). */
async function toggleTool() {
  const { status, message } = await responseOf(await post(server.url, { jsonrpc: '2.0', id: 'toggle', method: 'tools/call', params: { _meta: modernMeta(), name: 'test_trigger_tool_change', arguments: {} } }));
  assert.equal(status, 200);
  assert.deepEqual(message.result.content, [{ type: 'text', text: 'Mutation triggered' }]);
}

for (const era of ERAS) {
  describe(`v2 client over HTTP, ${era.label}`, { timeout: 60000 }, () => {
    const current = defineEraTests(era, () => connect(era.mode));

    test('HTTP headers: the era\'s routing and session headers on every POST', () => {
      const { http, transport } = current();
      const posts = http.filter((r) => r.method === 'POST');
      assert.ok(posts.length >= 10, `${posts.length} POSTs`);
      if (era.era === 'modern') {
        assert.equal(transport.sessionId, undefined);
        for (const { headers, body } of posts) {
          const what = JSON.stringify(body);
          assert.equal(headers.get('mcp-protocol-version'), MODERN, what);
          assert.equal(headers.get('mcp-method'), body.method, what);
          assert.equal(headers.get('mcp-session-id'), null, what);
          if (body.method === 'tools/call' || body.method === 'prompts/get') assert.equal(headers.get('mcp-name'), body.params.name, what);
          if (body.method === 'resources/read') assert.equal(headers.get('mcp-name'), body.params.uri, what);
        }
        assert.equal(posts[0].body.method, 'server/discover');
        assert.deepEqual(http.filter((r) => r.method !== 'POST').map((r) => r.method), [], 'no GET stream in the modern era');
      } else {
        assert.match(transport.sessionId, /^[A-Za-z0-9_-]{20,}$/);
        assert.equal(posts[0].body.method, 'initialize');
        for (const { headers, body } of posts.slice(1)) {
          assert.equal(headers.get('mcp-session-id'), transport.sessionId, JSON.stringify(body));
          assert.equal(headers.get('mcp-protocol-version'), LEGACY, JSON.stringify(body));
        }
      }
    });
  });
}

describe('subscriptions/listen through the v2 client', { timeout: 30000 }, () => {
  let c;
  before(async () => { c = await connect('auto'); });
  after(async () => { await c?.client.close(); });

  test('listen({toolsListChanged}) hears a run-time tool added; a closed subscription hears nothing more, a new one hears the removal', async () => {
    const heard = [];
    c.client.setNotificationHandler('notifications/tools/list_changed', (n) => { heard.push(n); });
    const subscription = await c.client.listen({ toolsListChanged: true });
    assert.deepEqual(subscription.honoredFilter, { toolsListChanged: true });
    const [listen] = requests(c.wire.out, 'subscriptions/listen');
    assert.deepEqual(listen.params.notifications, { toolsListChanged: true });
    const ack = c.wire.in.find((m) => m.method === 'notifications/subscriptions/acknowledged');
    assert.deepEqual(ack.params, { notifications: { toolsListChanged: true }, _meta: { [SUBSCRIPTION_ID]: listen.id } });

    const added = await c.client.callTool({ name: 'test_trigger_tool_change', arguments: {} });
    assert.deepEqual(added.content, [{ type: 'text', text: 'Mutation triggered' }]);
    await until(() => heard.length === 1, 5000, 'notifications/tools/list_changed');
    assert.deepEqual(heard[0], { method: 'notifications/tools/list_changed', params: { _meta: { [SUBSCRIPTION_ID]: listen.id } } });
    const withDynamic = await c.client.listTools(undefined, { cacheMode: 'refresh' });
    assert.deepEqual(withDynamic.tools.filter((t) => t.name === 'test_dynamic_tool').map((t) => t.description), ['Added at run time.']);
    assert.deepEqual((await c.client.callTool({ name: 'test_dynamic_tool', arguments: {} })).content, [{ type: 'text', text: 'dynamic' }]);

    await subscription.close(); // over HTTP: aborts the listen stream
    assert.equal(await subscription.closed, 'local');

    const second = await c.client.listen({ toolsListChanged: true });
    const listen2 = requests(c.wire.out, 'subscriptions/listen')[1];
    assert.notEqual(listen2.id, listen.id);
    await c.client.callTool({ name: 'test_trigger_tool_change', arguments: {} }); // removes it again
    await until(() => heard.length === 2, 5000, 'the notification on the second subscription');
    await new Promise((r) => setTimeout(r, 200)); // room for a stray notification on the closed stream
    assert.deepEqual(heard.map((n) => n.params._meta[SUBSCRIPTION_ID]), [listen.id, listen2.id]);
    assert.equal((await c.client.listTools(undefined, { cacheMode: 'refresh' })).tools.some((t) => t.name === 'test_dynamic_tool'), false);
    await second.close();
    assert.deepEqual(c.errors.map((e) => e.message), []);
  });
});

describe('subscriptions/listen on the wire (raw fetch)', { timeout: 30000 }, () => {
  test('first frame: the acknowledgement with the honoured filter and the subscription id; then only what was asked for', async () => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 15000);
    try {
      const response = await post(server.url, {
        jsonrpc: '2.0', id: 'sub-raw-1', method: 'subscriptions/listen',
        params: { _meta: modernMeta(), notifications: { toolsListChanged: true } },
      }, {}, { signal: abort.signal });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/event-stream');
      assert.equal(response.headers.get('x-accel-buffering'), 'no');
      assert.equal(response.headers.get('mcp-session-id'), null);
      const frames = sseMessages(response)[Symbol.asyncIterator]();
      const first = (await frames.next()).value;
      assert.deepEqual(first, {
        jsonrpc: '2.0', method: 'notifications/subscriptions/acknowledged',
        params: { notifications: { toolsListChanged: true }, _meta: { [SUBSCRIPTION_ID]: 'sub-raw-1' } },
      });
      // a prompt change was not asked for: the next frame must be the tool change that follows it
      const prompt = await responseOf(await post(server.url, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { _meta: modernMeta(), name: 'test_trigger_prompt_change', arguments: {} } }));
      assert.deepEqual(prompt.message.result.content, [{ type: 'text', text: 'Mutation triggered' }]);
      await toggleTool();
      const second = (await frames.next()).value;
      assert.deepEqual(second, { jsonrpc: '2.0', method: 'notifications/tools/list_changed', params: { _meta: { [SUBSCRIPTION_ID]: 'sub-raw-1' } } });
      await toggleTool();
      const third = (await frames.next()).value;
      assert.deepEqual(third, second);
      await responseOf(await post(server.url, { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { _meta: modernMeta(), name: 'test_trigger_prompt_change', arguments: {} } }));
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  });

  test('a numeric listen id comes back as the same number', async () => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 10000);
    try {
      const response = await post(server.url, { jsonrpc: '2.0', id: 41, method: 'subscriptions/listen', params: { _meta: modernMeta(), notifications: { promptsListChanged: true } } }, {}, { signal: abort.signal });
      const first = (await sseMessages(response)[Symbol.asyncIterator]().next()).value;
      assert.deepEqual(first.params, { notifications: { promptsListChanged: true }, _meta: { [SUBSCRIPTION_ID]: 41 } });
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  });

  test('one change source: a legacy session hears the tool change a modern request made', async () => {
    const { client, errors } = v2Client('legacy');
    const heard = [];
    client.setNotificationHandler('notifications/tools/list_changed', (n) => { heard.push(n); });
    // the session's standalone GET stream must be open before the change, or it has nowhere to go
    let streamOpened;
    const getStream = new Promise((resolve) => { streamOpened = resolve; });
    const fetchSeeingGet = async (url, init = {}) => {
      const response = await fetch(url, init);
      if ((init.method ?? 'GET') === 'GET') streamOpened(response.status);
      return response;
    };
    await client.connect(new StreamableHTTPClientTransport(server.url, { fetch: fetchSeeingGet }), { timeout: 15000 });
    try {
      assert.equal(await within(getStream, 5000, 'the session\'s GET stream'), 200);
      await toggleTool();
      await until(() => heard.length === 1, 5000, 'notifications/tools/list_changed on the session');
      assert.deepEqual(heard[0], { method: 'notifications/tools/list_changed', params: {} });
      await toggleTool();
      await until(() => heard.length === 2, 5000, 'the second notification');
      assert.deepEqual(errors.map((e) => e.message), []);
    } finally {
      await client.close();
    }
  });
});
