// The official TypeScript SDK client drives the Everything sample over Streamable HTTP (a real Kestrel in a child process).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CreateMessageRequestSchema, ElicitRequestSchema, LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { everything } from '../lib/servers.mjs';
import { startHttpServer } from '../lib/http-server.mjs';

let server;

before(async () => { server = await startHttpServer(everything('--http', 'http://127.0.0.1:0')); });
after(async () => { await server?.stop(); });

async function connect(options = {}) {
  const transport = new StreamableHTTPClientTransport(server.url, options.transport);
  const client = new Client({ name: 'mcpgen-http-interop', version: '1.0.0' },
    { capabilities: { sampling: {}, elicitation: { form: {} } } });
  client.setRequestHandler(CreateMessageRequestSchema, async (req) => ({
    role: 'assistant', model: 'test-model', stopReason: 'endTurn',
    content: { type: 'text', text: `echo of: ${req.params.messages[0].content.text}` },
  }));
  client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: { username: 'testuser', email: 'test@example.com' } }));
  await client.connect(transport);
  return { client, transport };
}

test('initialize assigns a session id; every method works over HTTP', async () => {
  const { client, transport } = await connect();
  try {
    assert.match(transport.sessionId, /^[A-Za-z0-9_-]{20,}$/);
    assert.equal(client.getServerVersion().name, 'mcpgen-everything');
    assert.deepEqual(await client.ping(), {});
    assert.equal((await client.listTools()).tools.length, 28); // the 14 reference tools of 0.1.16 and 14 of the 2026-07-28 suite
    assert.equal((await client.callTool({ name: 'test_simple_text' })).content[0].text, 'This is a simple text response for testing.');
    assert.equal((await client.listPrompts()).prompts.length, 5); // and test_input_required_result_prompt (2026-07-28 suite)
    assert.match(JSON.stringify((await client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'a1', arg2: 'a2' } })).messages), /a1.*a2/);
    assert.equal((await client.readResource({ uri: 'test://static-text' })).contents[0].text, 'This is the content of the static text resource.');
    assert.equal(JSON.parse((await client.readResource({ uri: 'test://template/7/data' })).contents[0].text).id, '7');
    assert.deepEqual(await client.subscribeResource({ uri: 'test://watched-resource' }), {});
    const completion = await client.complete({ ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' }, argument: { name: 'arg1', value: 'x' } });
    assert.ok(Array.isArray(completion.completion.values));
    await assert.rejects(client.callTool({ name: 'does_not_exist', arguments: {} }), /-32602|Unknown tool/);
  } finally {
    await client.close();
  }
});

test('progress and log notifications arrive on the request stream before the result', async () => {
  const { client } = await connect();
  try {
    const logs = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => { logs.push(n.params.data); });
    await client.setLoggingLevel('info');
    await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
    assert.deepEqual(logs, ['Tool execution started', 'Tool processing data', 'Tool execution completed']);
    const progress = [];
    await client.callTool({ name: 'test_tool_with_progress', arguments: {} }, undefined, { onprogress: (p) => progress.push(p.progress) });
    assert.deepEqual(progress, [0, 50, 100]);
  } finally {
    await client.close();
  }
});

test('sampling and elicitation: the server asks the client in the middle of a tool call', async () => {
  const { client } = await connect();
  try {
    const sampled = await client.callTool({ name: 'test_sampling', arguments: { prompt: 'Say hi' } });
    assert.equal(sampled.content[0].text, 'LLM response: echo of: Say hi');
    const elicited = await client.callTool({ name: 'test_elicitation', arguments: { message: 'Who are you?' } });
    assert.match(elicited.content[0].text, /action=accept.*testuser/);
  } finally {
    await client.close();
  }
});

test('the server closes the request stream mid-call; the client resumes with Last-Event-ID and gets the result', async () => {
  const { client } = await connect({ transport: { reconnectionOptions: { initialReconnectionDelay: 50, maxReconnectionDelay: 200, reconnectionDelayGrowFactor: 1.5, maxRetries: 5 } } });
  try {
    const result = await client.callTool({ name: 'test_reconnection', arguments: {} });
    assert.match(result.content[0].text, /^Reconnection test completed successfully/);
  } finally {
    await client.close();
  }
});

test('50 concurrent sessions, each with its own id and interleaved calls, get their own answers', async () => {
  const sessions = await Promise.all(Array.from({ length: 50 }, () => connect()));
  try {
    assert.equal(new Set(sessions.map((s) => s.transport.sessionId)).size, 50);
    const results = await Promise.all(sessions.flatMap(({ client }, i) => Array.from({ length: 4 }, (_, j) =>
      client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: `s${i}`, arg2: `c${j}` } })
        .then((r) => [i, j, JSON.stringify(r.messages)]))));
    for (const [i, j, text] of results) assert.match(text, new RegExp(`arg1='s${i}', arg2='c${j}'`));
  } finally {
    await Promise.all(sessions.map(({ client }) => client.close()));
  }
});

test('terminateSession sends DELETE; the session id is then unknown (404)', async () => {
  const { client, transport } = await connect();
  const id = transport.sessionId;
  await transport.terminateSession();
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  });
  assert.equal(res.status, 404);
  await client.close();
});

test('stateless mode: no session id, every request stands alone', async () => {
  const stateless = await startHttpServer(everything('--http', 'http://127.0.0.1:0', '--stateless'));
  try {
    const transport = new StreamableHTTPClientTransport(stateless.url);
    const client = new Client({ name: 'stateless', version: '1.0.0' });
    await client.connect(transport);
    assert.equal(transport.sessionId, undefined);
    const calls = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: `v${i}`, arg2: 'w' } })));
    calls.forEach((r, i) => assert.match(JSON.stringify(r.messages), new RegExp(`arg1='v${i}'`)));
    await client.close();
  } finally {
    await stateless.stop();
  }
});
