// Raw Streamable HTTP for the suites that check the wire itself: a POST with the headers revision 2026-07-28
// asks for, the per-request _meta, and a reader for SSE bodies that yields each JSON-RPC message as it arrives.

export const MODERN = '2026-07-28';
export const LEGACY = '2025-11-25';

/** The per-request metadata of revision 2026-07-28. */
export function modernMeta({ version = MODERN, capabilities = { elicitation: { form: {} }, sampling: {} }, extra = {} } = {}) {
  return {
    'io.modelcontextprotocol/protocolVersion': version,
    'io.modelcontextprotocol/clientInfo': { name: 'mcpgen-raw', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': capabilities,
    ...extra,
  };
}

/** The Mcp-Name header value the spec derives from a request body (tools/call, prompts/get: name; resources/read: uri). */
function nameOf(body) {
  if (body.method === 'tools/call' || body.method === 'prompts/get') return body.params?.name;
  if (body.method === 'resources/read') return body.params?.uri;
  return undefined;
}

/**
 * POSTs one JSON-RPC message. Headers default to what a modern client sends for that body (MCP-Protocol-Version,
 * Mcp-Method, Mcp-Name); pass a header as undefined to leave it out. Aborts after timeoutMs.
 * @returns {Promise<Response>}
 */
export async function post(url, body, headers = {}, { timeoutMs = 10000, signal } = {}) {
  const h = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': MODERN,
    ...(body.method ? { 'mcp-method': body.method } : {}),
    ...(nameOf(body) !== undefined ? { 'mcp-name': nameOf(body) } : {}),
    ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  };
  for (const k of Object.keys(h)) if (h[k] === undefined) delete h[k];
  return fetch(url, { method: 'POST', headers: h, body: JSON.stringify(body), signal: signal ?? AbortSignal.timeout(timeoutMs) });
}

/** Yields the JSON-RPC messages of an SSE body as they arrive (each event's data lines, joined). */
export async function* sseMessages(response) {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
      if (data) yield JSON.parse(data);
    }
  }
}

/** All JSON-RPC messages of a response, JSON or SSE (reads the body to its end). */
export async function messagesOf(response) {
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith('text/event-stream')) {
    const all = [];
    for await (const m of sseMessages(response)) all.push(m);
    return all;
  }
  const text = await response.text();
  return text ? [JSON.parse(text)] : [];
}

/** The one JSON-RPC response (the message with an id and a result or error) of a response; the rest is returned too. */
export async function responseOf(response) {
  const all = await messagesOf(response);
  const replies = all.filter((m) => 'result' in m || 'error' in m);
  if (replies.length !== 1) throw new Error(`expected one JSON-RPC response, got ${JSON.stringify(all)}`);
  return { status: response.status, headers: response.headers, message: replies[0], others: all.filter((m) => m !== replies[0]) };
}

/** Starts a 2025-11-25 session with a raw initialize + notifications/initialized and returns its id. */
export async function legacySession(url, capabilities = { elicitation: {} }) {
  const init = await post(url, {
    jsonrpc: '2.0', id: 1, method: 'initialize',
    params: { protocolVersion: LEGACY, capabilities, clientInfo: { name: 'mcpgen-raw-legacy', version: '1.0.0' } },
  }, { 'mcp-protocol-version': undefined, 'mcp-method': undefined });
  const { message } = await responseOf(init);
  if (message.result?.protocolVersion !== LEGACY) throw new Error(`initialize failed: ${JSON.stringify(message)}`);
  const sessionId = init.headers.get('mcp-session-id');
  const headers = { 'mcp-session-id': sessionId, 'mcp-protocol-version': LEGACY, 'mcp-method': undefined, 'mcp-name': undefined };
  const initialized = await post(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers);
  if (initialized.status !== 202) throw new Error(`notifications/initialized: HTTP ${initialized.status}`);
  await initialized.body?.cancel();
  return { sessionId, headers };
}
