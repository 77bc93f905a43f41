// The official TypeScript SDK client against McpGen's test server: cancellation, roots, concurrency, errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ListRootsRequestSchema, ToolListChangedNotificationSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { testServer } from '../lib/servers.mjs';

let client;
const errors = [];
const listChanged = [];
const updated = [];

before(async () => {
  client = new Client({ name: 'mcpgen-interop', version: '1.0.0' }, { capabilities: { roots: { listChanged: true } } });
  client.onerror = (e) => errors.push(String(e));
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: 'file:///work', name: 'work' }, { uri: 'file:///tmp' }] }));
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => listChanged.push(Date.now()));
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => updated.push(n.params.uri));
  await client.connect(new StdioClientTransport({ ...testServer('--page-size', '7'), stderr: 'pipe' }));
});

after(async () => { await client?.close(); });

test('an aborted call is cancelled on the server: no late response arrives', async () => {
  const controller = new AbortController();
  const call = client.callTool({ name: 'slow', arguments: { ms: 500 } }, undefined, { signal: controller.signal });
  setTimeout(() => controller.abort('changed my mind'), 100);
  await assert.rejects(call);
  await new Promise((r) => setTimeout(r, 800));
  assert.deepEqual(errors.filter((e) => /unknown message ID/i.test(e)), []);
  assert.deepEqual(await client.ping(), {});
});

test('roots/list round trip from inside a tool', async () => {
  const result = await client.callTool({ name: 'roots', arguments: {} });
  assert.equal(result.content[0].text, 'file:///work,file:///tmp');
});

test('concurrent calls are answered out of order, each exactly once', async () => {
  const slow = client.callTool({ name: 'slow', arguments: { ms: 300 } });
  const fast = await Promise.all(Array.from({ length: 50 }, (_, i) => client.callTool({ name: 'add', arguments: { a: i, b: 1 } })));
  assert.deepEqual(fast.map((r) => Number(r.content[0].text)), Array.from({ length: 50 }, (_, i) => i + 1));
  assert.equal((await slow).content[0].text, 'done');
});

test('a throwing tool and arguments that do not bind are error results; an unknown tool is a rejection', async () => {
  const thrown = await client.callTool({ name: 'throw_async', arguments: {} });
  assert.equal(thrown.isError, true);
  assert.equal(thrown.content[0].text, 'async boom');
  // SEP-1303: input validation errors are tool execution errors the model sees, naming the argument.
  const invalid = await client.callTool({ name: 'bad_args', arguments: {} });
  assert.equal(invalid.isError, true);
  assert.match(invalid.content[0].text, /'x'/);
  await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), /-32602/);
});

test('structured content validates against the tool output schema', async () => {
  await client.listTools(); // caches the output validators
  const result = await client.callTool({ name: 'structured', arguments: {} });
  assert.deepEqual(result.structuredContent, { value: 42 });
});

const until = async (condition, ms = 5000) => { const end = Date.now() + ms; while (!condition()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 10)); } };

test('pagination: the SDK walks every page with the opaque cursor', async () => {
  const names = [];
  let cursor;
  let pages = 0;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    names.push(...page.tools.map((t) => t.name));
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  assert.ok(pages >= 3);
  assert.equal(new Set(names).size, names.length);
  assert.ok(names.includes('echo') && names.includes('touch'));
});

test('a tool added at run time is announced with tools/list_changed and callable', async () => {
  const before = listChanged.length;
  assert.equal((await client.callTool({ name: 'add_tool', arguments: { name: 'born_later' } })).content[0].text, 'added born_later');
  await until(() => listChanged.length > before);
  assert.equal((await client.callTool({ name: 'born_later', arguments: {} })).content[0].text, 'dynamic');
});

test('resources/updated reaches a subscribed client only', async () => {
  await client.subscribeResource({ uri: 'test://hello' });
  await client.callTool({ name: 'touch', arguments: { uri: 'test://hello' } });
  await until(() => updated.includes('test://hello'));
  await client.unsubscribeResource({ uri: 'test://hello' });
  const count = updated.length;
  await client.callTool({ name: 'touch', arguments: { uri: 'test://hello' } });
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(updated.length, count);
});
