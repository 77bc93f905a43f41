// The official TypeScript v2 client (@modelcontextprotocol/client 2.4.0) drives the Everything sample over stdio
// (a real child process) in both eras: modern by default ('auto' probes server/discover, on a short-lived sibling
// process for the SDK's stdio transport) and legacy forced (initialize, then real server-to-client requests).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { everything } from '../lib/servers.mjs';
import { ERAS, MODERN, recordWire, requests, v2Client, until } from '../lib/v2-client.mjs';
import { RawStdioTransport } from '../lib/raw-stdio-transport.mjs';
import { modernMeta } from '../lib/raw-http.mjs';
import { defineEraTests } from '../lib/v2-era-tests.mjs';

for (const era of ERAS) {
  describe(`v2 client over stdio, ${era.label}`, { timeout: 60000 }, () => {
    defineEraTests(era, async () => {
      const transport = new StdioClientTransport({ ...everything(), stderr: 'pipe' });
      const wire = recordWire(transport);
      const { client, asked, errors } = v2Client(era.mode);
      await client.connect(transport, { timeout: 15000 });
      return { client, wire, asked, errors };
    });
  });
}

describe('subscriptions/listen over stdio (modern era)', { timeout: 30000 }, () => {
  const SUBSCRIPTION_ID = 'io.modelcontextprotocol/subscriptionId';
  let c;
  before(async () => {
    const transport = new StdioClientTransport({ ...everything(), stderr: 'pipe' });
    const wire = recordWire(transport);
    const { client, errors } = v2Client('auto');
    await client.connect(transport, { timeout: 15000 });
    c = { client, wire, errors };
  });
  after(async () => { await c?.client.close(); });

  test('a run-time tool change reaches the open subscription, tagged with its id; a cancelled one hears nothing more', async () => {
    assert.equal(c.client.getProtocolEra(), 'modern');
    const heard = [];
    c.client.setNotificationHandler('notifications/tools/list_changed', (n) => { heard.push(n.params._meta[SUBSCRIPTION_ID]); });
    const first = await c.client.listen({ toolsListChanged: true, promptsListChanged: true });
    assert.deepEqual(first.honoredFilter, { toolsListChanged: true, promptsListChanged: true });
    const [listen1] = requests(c.wire.out, 'subscriptions/listen');
    const ack1 = c.wire.in.find((m) => m.method === 'notifications/subscriptions/acknowledged');
    assert.deepEqual(ack1.params._meta, { [SUBSCRIPTION_ID]: listen1.id });

    assert.deepEqual((await c.client.callTool({ name: 'test_trigger_tool_change', arguments: {} })).content, [{ type: 'text', text: 'Mutation triggered' }]);
    await until(() => heard.length === 1, 5000, 'notifications/tools/list_changed');
    assert.deepEqual(heard, [listen1.id]);
    assert.ok((await c.client.listTools(undefined, { cacheMode: 'refresh' })).tools.some((t) => t.name === 'test_dynamic_tool'));

    await first.close(); // on stdio: notifications/cancelled for the listen id
    assert.equal(await first.closed, 'local');
    assert.deepEqual(c.wire.out.filter((m) => m.method === 'notifications/cancelled').map((m) => m.params.requestId), [listen1.id]);

    const second = await c.client.listen({ toolsListChanged: true });
    const listen2 = requests(c.wire.out, 'subscriptions/listen')[1];
    await c.client.callTool({ name: 'test_trigger_tool_change', arguments: {} }); // removes the tool again
    await until(() => heard.includes(listen2.id), 5000, 'the notification on the second subscription');
    await new Promise((r) => setTimeout(r, 200)); // room for a stray notification on the cancelled one
    assert.deepEqual(heard, [listen1.id, listen2.id]);
    assert.equal((await c.client.listTools(undefined, { cacheMode: 'refresh' })).tools.some((t) => t.name === 'test_dynamic_tool'), false);
    await second.close();
    assert.deepEqual(c.errors.map((e) => e.message), []);
  });
});

describe('raw stdio: revision 2026-07-28 errors, and both eras on one pipe', { timeout: 30000 }, () => {
  let raw;
  before(async () => { raw = new RawStdioTransport(everything()); await raw.start(); });
  after(() => { raw?.process.kill(); });

  /** Writes a request and resolves with the server's response to its id. */
  async function ask(message) {
    await raw.send(message);
    return raw.waitFor((m) => m.id === message.id && ('result' in m || 'error' in m), 5000);
  }
  const call = (id, name, extra = {}, meta = modernMeta()) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { _meta: meta, name, arguments: {}, ...extra } });

  test('unsupported version (-32022 with data), missing clientCapabilities (-32602), ping (-32601), each with the request id', async () => {
    const unsupported = await ask({ jsonrpc: '2.0', id: 'v', method: 'tools/list', params: { _meta: modernMeta({ version: '1900-01-01' }) } });
    assert.equal(unsupported.error.code, -32022);
    assert.deepEqual(unsupported.error.data, { supported: [MODERN], requested: '1900-01-01' });
    const meta = modernMeta();
    delete meta['io.modelcontextprotocol/clientCapabilities'];
    const noCaps = await ask({ jsonrpc: '2.0', id: 'c', method: 'tools/list', params: { _meta: meta } });
    assert.equal(noCaps.error.code, -32602);
    assert.match(noCaps.error.message, /clientCapabilities/);
    const ping = await ask({ jsonrpc: '2.0', id: 'p', method: 'ping', params: { _meta: modernMeta() } });
    assert.equal(ping.error.code, -32601);
  });

  test('requestState on stdio: a tampered one is -32602 (no "Hello, Eve!"); the untouched one completes', async () => {
    const tool = 'test_input_required_result_elicitation';
    const first = await ask(call(1, tool));
    assert.equal(first.result.resultType, 'input_required');
    const state = first.result.requestState;
    const i = state.length >> 1;
    const tampered = state.slice(0, i) + (state[i] === 'A' ? 'B' : 'A') + state.slice(i + 1);
    const refused = await ask(call(2, tool, { inputResponses: { user_name: { action: 'accept', content: { name: 'Eve' } } }, requestState: tampered }));
    assert.equal(refused.error.code, -32602);
    assert.equal(refused.result, undefined);
    const done = await ask(call(3, tool, { inputResponses: { user_name: { action: 'accept', content: { name: 'Ada' } } }, requestState: state }));
    assert.deepEqual(done.result.content, [{ type: 'text', text: 'Hello, Ada!' }]);
  });

  test('after initialize on the same pipe, modern requests take nothing from the session (log level, server-to-client requests)', async () => {
    const init = await ask({ jsonrpc: '2.0', id: 10, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: { elicitation: {} }, clientInfo: { name: 'raw', version: '1.0.0' } } });
    assert.equal(init.result.protocolVersion, '2025-11-25');
    await raw.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    assert.deepEqual((await ask({ jsonrpc: '2.0', id: 11, method: 'logging/setLevel', params: { level: 'debug' } })).result, {});

    let mark = raw.lines.length;
    const modern = await ask(call(12, 'test_tool_with_logging'));
    assert.deepEqual(modern.result.content, [{ type: 'text', text: 'Tool with logging executed successfully' }]);
    assert.deepEqual(raw.lines.slice(mark).filter((m) => m.method), [], 'no log lines: the modern request asked for no level');

    mark = raw.lines.length;
    const elicit = await ask(call(13, 'test_input_required_result_elicitation'));
    assert.equal(elicit.result.resultType, 'input_required');
    assert.deepEqual(raw.lines.slice(mark).filter((m) => m.method), [], 'no elicitation/create request on the pipe for a modern request');

    mark = raw.lines.length;
    const legacy = await ask({ jsonrpc: '2.0', id: 14, method: 'tools/call', params: { name: 'test_tool_with_logging', arguments: {} } });
    assert.equal(legacy.result.resultType, undefined);
    assert.deepEqual(raw.lines.slice(mark).filter((m) => m.method === 'notifications/message').map((m) => m.params.data), ['Tool execution started', 'Tool processing data', 'Tool execution completed']);
  });
});
