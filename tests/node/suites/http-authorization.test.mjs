// MCP authorization end to end: a real OAuth 2.1 provider (oidc-provider), the Orders sample (a real Kestrel in a
// child process, native AOT in CI) and the official TypeScript SDK client's OAuth support: metadata discovery,
// dynamic client registration, PKCE, token use, and scope step-up after 403 insufficient_scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as jose from 'jose';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { orders } from '../lib/servers.mjs';
import { startHttpServer } from '../lib/http-server.mjs';
import { startOidcProvider, TestOAuthClient, connectWithOAuth as connectWithOAuthTo } from '../lib/oidc-server.mjs';

let as;
let server;

before(async () => {
  as = await startOidcProvider();
  server = await startHttpServer(orders('--issuer', as.issuer, '--urls', 'http://127.0.0.1:0'));
});
after(async () => {
  await server?.stop();
  await as?.stop();
});

const connectWithOAuth = (oauth) => connectWithOAuthTo(server.url, oauth);

async function post(token, body = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }) {
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify(body) });
  await res.body?.cancel();
  return res;
}

function challenge(res) {
  const header = res.headers.get('www-authenticate') ?? '';
  assert.match(header, /^Bearer /);
  return Object.fromEntries([...header.matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

test('without a token: 401 naming the resource metadata, which names the authorization server', async () => {
  const res = await post(undefined);
  assert.equal(res.status, 401);
  const params = challenge(res);
  assert.equal(params.resource_metadata, `${server.url.origin}/.well-known/oauth-protected-resource/mcp`);
  assert.equal(params.scope, 'orders:read');
  const metadata = await (await fetch(params.resource_metadata)).json();
  assert.equal(metadata.resource, server.url.href);
  assert.deepEqual(metadata.authorization_servers, [as.issuer]);
  assert.deepEqual(metadata.scopes_supported, ['orders:read', 'orders:write']);
});

test('the SDK client discovers, registers, authorizes with PKCE, lists and calls; then steps up for orders:write', async () => {
  const oauth = new TestOAuthClient('alice');
  const { client, transport } = await connectWithOAuth(oauth);
  try {
    assert.ok(oauth.client?.client_id, 'dynamically registered');
    assert.equal(oauth.authorizations, 1);
    assert.equal(oauth.scopesAsked[0], 'orders:read');
    const payload = jose.decodeJwt(oauth.tokens().access_token);
    assert.equal(payload.aud, server.url.href);
    assert.equal(payload.iss, as.issuer);

    // Only what the token's scopes allow is listed.
    const names = (await client.listTools()).tools.map((t) => t.name).sort();
    assert.deepEqual(names, ['list_orders', 'whoami']);
    assert.equal((await client.callTool({ name: 'whoami' })).content[0].text, 'alice (orders:read)');
    const listed = await client.callTool({ name: 'list_orders' });
    assert.deepEqual(JSON.parse(listed.content[0].text).map((o) => o.id), ['A-1001', 'A-1002']);

    // cancel_order needs orders:write: 403 insufficient_scope; the SDK asks for the wider scope, the user consents.
    await assert.rejects(client.callTool({ name: 'cancel_order', arguments: { id: 'A-1001' } }), UnauthorizedError);
    assert.equal(oauth.authorizations, 2);
    assert.equal(oauth.scopesAsked[1], 'orders:read orders:write');
    await transport.finishAuth(oauth.pendingCode);
    const cancelled = await client.callTool({ name: 'cancel_order', arguments: { id: 'A-1001' } });
    assert.equal(cancelled.isError, undefined);
    assert.equal(cancelled.structuredContent.status, 'cancelled');
    assert.equal((await client.callTool({ name: 'whoami' })).content[0].text, 'alice (orders:read orders:write)');
    assert.deepEqual((await client.listTools()).tools.map((t) => t.name).sort(), ['cancel_order', 'list_orders', 'whoami']);
  } finally {
    await client.close();
  }
});

test("another user's token cannot use alice's session", async () => {
  const alice = await connectWithOAuth(new TestOAuthClient('alice'));
  const mallory = new TestOAuthClient('mallory');
  const other = await connectWithOAuth(mallory);
  try {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json', accept: 'application/json, text/event-stream',
        authorization: `Bearer ${mallory.tokens().access_token}`, 'mcp-session-id': alice.transport.sessionId,
        'mcp-protocol-version': '2025-11-25',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'whoami' } }),
    });
    assert.equal(res.status, 403);
    await res.body?.cancel();
    assert.equal((await other.client.callTool({ name: 'whoami' })).content[0].text, 'mallory (orders:read)');
  } finally {
    await alice.client.close();
    await other.client.close();
  }
});

test('tokens that are expired, wrongly signed, for another audience or from another issuer are refused', async () => {
  const now = Math.floor(Date.now() / 1000);
  const sign = async (claims, key = as.signingKey) =>
    new jose.SignJWT({ scope: 'orders:read', client_id: 'forged', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'at+jwt' })
      .sign(key.key);
  const good = { iss: as.issuer, aud: server.url.href, sub: 'alice', iat: now, exp: now + 300 };
  // The control: the same construction with every field right is accepted, so each refusal below is for its own reason.
  assert.equal((await post(await sign(good))).status, 200);

  const { privateKey: strangerKey } = await jose.generateKeyPair('RS256');
  const cases = [
    ['expired', await sign({ ...good, iat: now - 900, exp: now - 600 }), 'The token has expired.'],
    ['wrongly signed (published kid, unpublished key)', await sign(good, { key: strangerKey, kid: as.signingKey.kid }), "The token's signature does not verify."],
    ['for another audience', await sign({ ...good, aud: `${server.url.origin}/other-mcp` }), 'The token was not issued for this resource.'],
    ['from another issuer', await sign({ ...good, iss: 'http://127.0.0.1:1' }), 'The token was not issued by a trusted authorization server.'],
  ];
  for (const [name, token, description] of cases) {
    const res = await post(token);
    assert.equal(res.status, 401, name);
    const params = challenge(res);
    assert.equal(params.error, 'invalid_token', name);
    assert.equal(params.error_description, description, name);
  }
});
