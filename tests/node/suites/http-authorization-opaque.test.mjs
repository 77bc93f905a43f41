// MCP authorization with opaque access tokens: the Orders sample validates them by RFC 7662 introspection at the
// real provider (oidc-provider); with the introspection cache off (--introspection-cache 0) a revoked token stops working at once. The client is the official TypeScript SDK.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { orders } from '../lib/servers.mjs';
import { startHttpServer } from '../lib/http-server.mjs';
import { startOidcProvider, TestOAuthClient, connectWithOAuth } from '../lib/oidc-server.mjs';

let as;
let server;

before(async () => {
  as = await startOidcProvider({ opaque: true });
  server = await startHttpServer(orders('--issuer', as.issuer, '--urls', 'http://127.0.0.1:0', '--introspect', as.introspectionClient, '--introspection-cache', '0'));
});
after(async () => {
  await server?.stop();
  await as?.stop();
});

test('opaque tokens: introspected, scoped, stepped up, and dead once revoked', async () => {
  const oauth = new TestOAuthClient('carol');
  const { client, transport } = await connectWithOAuth(server.url, oauth, 'opaque-test');
  try {
    const token = oauth.tokens().access_token;
    assert.equal(token.split('.').length, 1, 'an opaque token, not a JWT');
    assert.equal((await client.callTool({ name: 'whoami' })).content[0].text, 'carol (orders:read)');
    assert.deepEqual((await client.listTools()).tools.map((t) => t.name).sort(), ['list_orders', 'whoami']);

    await assert.rejects(client.callTool({ name: 'cancel_order', arguments: { id: 'A-1002' } }), UnauthorizedError);
    await transport.finishAuth(oauth.pendingCode);
    assert.equal((await client.callTool({ name: 'cancel_order', arguments: { id: 'A-1002' } })).structuredContent.status, 'cancelled');

    // Revoke the current token at the provider (RFC 7009): the next request is refused, because every request is introspected.
    const revoked = oauth.tokens().access_token;
    const res = await fetch(`${as.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: revoked, client_id: oauth.client.client_id }).toString(),
    });
    assert.equal(res.status, 200);
    const after = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${revoked}`,
        'mcp-session-id': transport.sessionId, 'mcp-protocol-version': '2025-11-25',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'tools/call', params: { name: 'whoami' } }),
    });
    assert.equal(after.status, 401);
    assert.match(after.headers.get('www-authenticate'), /error="invalid_token", error_description="The token is not active\."/);
    await after.body?.cancel();
  } finally {
    await client.close();
  }
});

test('a made-up opaque token is refused', async () => {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: 'Bearer not-a-real-token' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  });
  assert.equal(res.status, 401);
  assert.match(res.headers.get('www-authenticate'), /error="invalid_token"/);
  await res.body?.cancel();
});
