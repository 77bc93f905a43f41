// A real OAuth 2.1 / OpenID Connect provider (oidc-provider, an OpenID-certified implementation) on 127.0.0.1,
// configured the way MCP authorization expects an authorization server: dynamic client registration, PKCE,
// resource indicators (RFC 8707) with JWT access tokens whose audience is the MCP server, and no refresh tokens
// (so a wider scope needs a new authorization: step-up). Its dev interactions accept any login name.
import http from 'node:http';
import { once } from 'node:events';
import Provider from 'oidc-provider';
import * as jose from 'jose';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

export const RESOURCE_SCOPES = 'orders:read orders:write';

/**
 * Starts a provider; resolves with its issuer, its signing key (to forge tokens in tests) and stop().
 * With `opaque`, access tokens are opaque (validated by RFC 7662 introspection with `introspectionClient`) and
 * revocable (RFC 7009).
 */
export async function startOidcProvider({ opaque = false } = {}) {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await jose.exportJWK(privateKey)), kid: 'as-key-1', alg: 'RS256', use: 'sig' };
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    jwks: { keys: [jwk] },
    // The resource server's own confidential client, for introspection.
    clients: [{ client_id: 'orders-api', client_secret: 'orders-api-secret', grant_types: [], response_types: [], redirect_uris: [] }],
    scopes: ['openid', ...RESOURCE_SCOPES.split(' ')],
    features: {
      devInteractions: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      registration: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx, client, oneOf) => oneOf,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resourceIndicator) => ({
          scope: RESOURCE_SCOPES,
          audience: resourceIndicator,
          accessTokenTTL: 600,
          ...(opaque ? { accessTokenFormat: 'opaque' } : { accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
        }),
      },
    },
    pkce: { required: () => true },
    issueRefreshToken: () => false,
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, Interaction: 600, Session: 3600 },
    clientBasedCORS: () => true,
  });
  provider.on('server_error', (ctx, err) => console.error('oidc-provider server_error', err));
  // Registration policy: a client may later ask for any scope this provider supports (users consent per request),
  // as hosted providers commonly allow. oidc-provider's default pins a client to the scope it registered with, and
  // the SDK registers with the first challenge's scope, which would make step-up impossible.
  provider.use(async (ctx, next) => {
    if (ctx.method === 'POST' && ctx.path === '/reg') {
      const chunks = [];
      for await (const chunk of ctx.req) chunks.push(chunk);
      const metadata = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      delete metadata.scope;
      ctx.req.body = JSON.stringify(metadata); // oidc-provider reads an already-read body from here
    }
    await next();
  });
  server.on('request', provider.callback());
  return {
    issuer,
    signingKey: { key: privateKey, kid: jwk.kid },
    introspectionClient: 'orders-api:orders-api-secret',
    async stop() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Plays the user's browser: follows the authorization URL through the provider's login and consent pages
 * (logging in as `login`) until it redirects to `redirectUri`; returns the authorization code.
 */
export async function authorizeInBrowser(authorizationUrl, login, redirectUri) {
  const cookies = new Map();
  let url = authorizationUrl.toString();
  let method = 'GET';
  let body;
  for (let step = 0; step < 20; step++) {
    const headers = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, { method, body, headers, redirect: 'manual' });
    for (const setCookie of res.headers.getSetCookie()) {
      const pair = setCookie.split(';')[0];
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    if (res.status >= 300 && res.status < 400) {
      const location = new URL(res.headers.get('location'), url);
      if (location.href.startsWith(redirectUri)) {
        const code = location.searchParams.get('code');
        if (!code) throw new Error(`authorization failed: ${location.search}`);
        return code;
      }
      url = location.href;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form at ${url} (${res.status}): ${html.slice(0, 400)}`);
    const form = new URLSearchParams();
    for (const m of html.matchAll(/<input[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(m[0])?.[1];
      const value = /value="([^"]*)"/.exec(m[0])?.[1];
      if (name && value !== undefined) form.set(name, value);
    }
    if (/name="login"/.test(html)) { form.set('login', login); form.set('password', 'any password'); }
    url = new URL(action, url).href;
    method = 'POST';
    body = form.toString();
  }
  throw new Error('too many steps in the authorization flow');
}

/** An OAuthClientProvider for the TypeScript SDK: a public native client, registered dynamically, that logs in as `login`. */
export class TestOAuthClient {
  constructor(login) {
    this.login = login;
    this.redirectUri = 'http://127.0.0.1:1/callback';
    this.authorizations = 0;
    this.scopesAsked = [];
  }
  get redirectUrl() { return this.redirectUri; }
  get clientMetadata() {
    return {
      client_name: 'mcpgen-authorization-test',
      redirect_uris: [this.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      application_type: 'native',
    };
  }
  clientInformation() { return this.client; }
  saveClientInformation(info) { this.client = info; }
  tokens() { return this.savedTokens; }
  saveTokens(tokens) { this.savedTokens = tokens; }
  saveCodeVerifier(verifier) { this.verifier = verifier; }
  codeVerifier() { return this.verifier; }
  async redirectToAuthorization(url) {
    this.authorizations++;
    this.scopesAsked.push(url.searchParams.get('scope'));
    this.pendingCode = await authorizeInBrowser(url, this.login, this.redirectUri);
  }
}

/**
 * Connects the SDK client to `url`: the first attempt meets the 401 and runs the OAuth flow (the provider logs in),
 * then the client reconnects with the token.
 */
export async function connectWithOAuth(url, oauth, name = 'auth-test') {
  const first = new StreamableHTTPClientTransport(url, { authProvider: oauth });
  await assert.rejects(new Client({ name, version: '1' }).connect(first), UnauthorizedError);
  await first.finishAuth(oauth.pendingCode);
  const transport = new StreamableHTTPClientTransport(url, { authProvider: oauth });
  const client = new Client({ name, version: '1' });
  await client.connect(transport);
  return { client, transport };
}
