// Raw HTTP requests that a careless or hostile client might send: each gets the documented status and a JSON-RPC error body.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { everything } from '../lib/servers.mjs';
import { startHttpServer } from '../lib/http-server.mjs';

let server;
let sessionId;
const accept = 'application/json, text/event-stream';
const version = '2025-11-25';

before(async () => {
  server = await startHttpServer(everything('--http', 'http://127.0.0.1:0'));
  const res = await post({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }, { 'mcp-session-id': undefined });
  assert.equal(res.status, 200);
  sessionId = res.headers.get('mcp-session-id');
  await res.text();
  assert.equal((await post({ jsonrpc: '2.0', method: 'notifications/initialized' })).status, 202);
});
after(async () => { await server?.stop(); });

function post(body, headers = {}) {
  const h = { 'content-type': 'application/json', accept, 'mcp-protocol-version': version, 'mcp-session-id': sessionId, ...headers };
  for (const k of Object.keys(h)) if (h[k] === undefined) delete h[k];
  return fetch(server.url, { method: 'POST', headers: h, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function expectError(res, status, code) {
  assert.equal(res.status, status);
  const body = await res.json();
  assert.equal(body.jsonrpc, '2.0');
  if (code !== undefined) assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
}

test('malformed JSON is a parse error (400, -32700)', async () => {
  await expectError(await post('{"jsonrpc":"2.0","id":1,"method":'), 400, -32700);
});

test('a JSON-RPC batch is refused (this revision has none)', async () => {
  const res = await post('[{"jsonrpc":"2.0","id":1,"method":"ping"}]');
  assert.equal(res.status, 400);
  await res.text();
});

test('wrong content type is 415', async () => {
  const res = await post({ jsonrpc: '2.0', id: 2, method: 'ping' }, { 'content-type': 'text/plain' });
  assert.equal(res.status, 415);
  await res.text();
});

test('an Accept header without both types is 406', async () => {
  const res = await post({ jsonrpc: '2.0', id: 3, method: 'ping' }, { accept: 'application/json' });
  assert.equal(res.status, 406);
  await res.text();
});

test('a foreign Origin is 403 (DNS rebinding guard)', async () => {
  const res = await post({ jsonrpc: '2.0', id: 4, method: 'ping' }, { origin: 'http://evil.example' });
  assert.equal(res.status, 403);
  await res.text();
});

test('a request without a session id after initialize is 400; an unknown session id is 404', async () => {
  const missing = await post({ jsonrpc: '2.0', id: 5, method: 'ping' }, { 'mcp-session-id': undefined });
  assert.equal(missing.status, 400);
  await missing.text();
  const unknown = await post({ jsonrpc: '2.0', id: 6, method: 'ping' }, { 'mcp-session-id': 'not-a-session' });
  assert.equal(unknown.status, 404);
  await unknown.text();
});

test('an unsupported protocol version header is 400', async () => {
  const res = await post({ jsonrpc: '2.0', id: 7, method: 'ping' }, { 'mcp-protocol-version': '1999-01-01' });
  assert.equal(res.status, 400);
  await res.text();
});

test('an oversized body is 413 and the server keeps serving', async () => {
  const huge = JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'tools/call', params: { name: 'test_sampling', arguments: { prompt: 'x'.repeat(8 * 1024 * 1024) } } });
  const res = await post(huge);
  assert.equal(res.status, 413);
  await res.text();
  const ok = await post({ jsonrpc: '2.0', id: 9, method: 'ping' });
  assert.equal(ok.status, 200);
  assert.match(await ok.text(), /"id":9,"result":\{\}/);
});

test('PUT is 405 with an Allow header', async () => {
  const res = await fetch(server.url, { method: 'PUT', headers: { 'mcp-session-id': sessionId } });
  assert.equal(res.status, 405);
  assert.match(res.headers.get('allow') ?? '', /POST/);
  await res.text();
});

test('invalid params to a real tool are a tool error result, not a transport failure', async () => {
  const res = await post({ jsonrpc: '2.0', id: 10, method: 'tools/call', params: { name: 'test_sampling', arguments: { prompt: 42 } } });
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.match(text, /"id":10/);
  assert.match(text, /"isError":true|-32602/);
});
