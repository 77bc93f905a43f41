// The official TypeScript SDK client against McpGen's test server: cancellation, roots, concurrency, errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ListRootsRequestSchema, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { testServer } from '../lib/servers.mjs';

let client;
const errors = [];

before(async () => {
  client = new Client({ name: 'mcpgen-interop', version: '1.0.0' }, { capabilities: { roots: { listChanged: true } } });
  client.onerror = (e) => errors.push(String(e));
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: 'file:///work', name: 'work' }, { uri: 'file:///tmp' }] }));
  await client.connect(new StdioClientTransport({ ...testServer(), stderr: 'pipe' }));
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

test('a throwing tool is an error result; a protocol error is a rejection', async () => {
  const thrown = await client.callTool({ name: 'throw_async', arguments: {} });
  assert.equal(thrown.isError, true);
  assert.equal(thrown.content[0].text, 'async boom');
  await assert.rejects(client.callTool({ name: 'bad_args', arguments: {} }), /-32602/);
});

test('structured content validates against the tool output schema', async () => {
  await client.listTools(); // caches the output validators
  const result = await client.callTool({ name: 'structured', arguments: {} });
  assert.deepEqual(result.structuredContent, { value: 42 });
});
