// The official TypeScript v2 client (@modelcontextprotocol/client 2.4.0) drives the Everything sample over stdio
// (a real child process) in both eras: modern by default ('auto' probes server/discover, on a short-lived sibling
// process for the SDK's stdio transport) and legacy forced (initialize, then real server-to-client requests).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { everything } from '../lib/servers.mjs';
import { ERAS, recordWire, requests, v2Client, until } from '../lib/v2-client.mjs';
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
