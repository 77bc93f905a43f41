// Revision 2026-07-28 over Streamable HTTP with raw fetch: every malformed or hostile request gets the spec's code,
// HTTP status and the request's own id; a sealed requestState cannot be altered or carried to another request; and
// modern traffic does not reach a live 2025-11-25 session even when it names that session's id.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { everything } from '../lib/servers.mjs';
import { startHttpServer } from '../lib/http-server.mjs';
import { MODERN, post, modernMeta, responseOf, sseMessages, legacySession } from '../lib/raw-http.mjs';
import { within } from '../lib/v2-client.mjs';

let server;
before(async () => { server = await startHttpServer(everything('--http', 'http://127.0.0.1:0')); });
after(async () => { await server?.stop(); });

const call = (id, name, args = {}, extra = {}, meta = modernMeta()) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { _meta: meta, name, arguments: args, ...extra } });

/** POSTs and returns {status, message} of the one JSON-RPC response. */
async function send(body, headers) {
  const { status, message, headers: h } = await responseOf(await post(server.url, body, headers));
  return { status, message, headers: h };
}

/** Asserts an error response: HTTP status, JSON-RPC code, the request's id, and no result. */
function assertError({ status, message }, expectedStatus, code, id, messagePattern) {
  assert.equal(status, expectedStatus, JSON.stringify(message));
  assert.equal(message.id, id, JSON.stringify(message));
  assert.equal(message.error?.code, code, JSON.stringify(message));
  assert.equal(message.result, undefined);
  if (messagePattern) assert.match(message.error.message, messagePattern);
}

describe('per-request metadata and routing headers', () => {
  test('control: a well-formed modern request succeeds', async () => {
    const r = await send(call(1, 'test_simple_text'));
    assert.equal(r.status, 200);
    assert.deepEqual(r.message, {
      jsonrpc: '2.0', id: 1,
      result: { content: [{ type: 'text', text: 'This is a simple text response for testing.' }], resultType: 'complete', _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'mcpgen-everything', version: '1.0.0' } } },
    });
  });

  test('missing _meta: -32602, HTTP 400, the request id (number or string)', async () => {
    assertError(await send({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }), 400, -32602, 2, /protocolVersion/);
    assertError(await send({ jsonrpc: '2.0', id: 'no-params', method: 'tools/list' }), 400, -32602, 'no-params', /protocolVersion/);
  });

  test('missing clientCapabilities in _meta: -32602, HTTP 400', async () => {
    const meta = modernMeta();
    delete meta['io.modelcontextprotocol/clientCapabilities'];
    assertError(await send({ jsonrpc: '2.0', id: 3, method: 'tools/list', params: { _meta: meta } }), 400, -32602, 3, /clientCapabilities/);
  });

  test('unsupported version in _meta: -32022, HTTP 400, data.supported and data.requested', async () => {
    const r = await send({ jsonrpc: '2.0', id: 4, method: 'tools/list', params: { _meta: modernMeta({ version: '1900-01-01' }) } }, { 'mcp-protocol-version': '1900-01-01' });
    assertError(r, 400, -32022, 4);
    assert.deepEqual(r.message.error.data, { supported: [MODERN], requested: '1900-01-01' });
    // a legacy version is not a per-request version
    const legacy = await send({ jsonrpc: '2.0', id: 5, method: 'tools/list', params: { _meta: modernMeta({ version: '2025-11-25' }) } }, { 'mcp-protocol-version': '2025-11-25' });
    assertError(legacy, 400, -32022, 5);
    assert.deepEqual(legacy.message.error.data, { supported: [MODERN], requested: '2025-11-25' });
  });

  test('MCP-Protocol-Version header that differs from the body, or is missing: -32020, HTTP 400', async () => {
    const body = { jsonrpc: '2.0', id: 6, method: 'tools/list', params: { _meta: modernMeta() } };
    assertError(await send(body, { 'mcp-protocol-version': '2025-11-25' }), 400, -32020, 6, /MCP-Protocol-Version/);
    assertError(await send(body, { 'mcp-protocol-version': undefined }), 400, -32020, 6, /MCP-Protocol-Version/);
  });

  test('Mcp-Method that differs from the body, or is missing: -32020, HTTP 400', async () => {
    const body = { jsonrpc: '2.0', id: 7, method: 'tools/list', params: { _meta: modernMeta() } };
    assertError(await send(body, { 'mcp-method': 'prompts/list' }), 400, -32020, 7, /Mcp-Method/);
    assertError(await send(body, { 'mcp-method': undefined }), 400, -32020, 7, /Mcp-Method/);
  });

  test('Mcp-Name that differs from the tool name, or is missing: -32020, HTTP 400', async () => {
    assertError(await send(call(8, 'test_simple_text'), { 'mcp-name': 'test_error_handling' }), 400, -32020, 8, /Mcp-Name/);
    assertError(await send(call(9, 'test_simple_text'), { 'mcp-name': undefined }), 400, -32020, 9, /Mcp-Name/);
  });

  test('ping, initialize and resources/subscribe on the modern wire: -32601, HTTP 404', async () => {
    assertError(await send({ jsonrpc: '2.0', id: 10, method: 'ping', params: { _meta: modernMeta() } }), 404, -32601, 10);
    assertError(await send({ jsonrpc: '2.0', id: 11, method: 'initialize', params: { _meta: modernMeta(), protocolVersion: MODERN, capabilities: {}, clientInfo: { name: 'x', version: '1' } } }), 404, -32601, 11);
    assertError(await send({ jsonrpc: '2.0', id: 12, method: 'resources/subscribe', params: { _meta: modernMeta(), uri: 'test://watched-resource' } }), 404, -32601, 12);
  });

  test('logging per request: only when _meta asks for a level, and only at or above it; an unknown level is -32602', async () => {
    const withLevel = (id, level) => call(id, 'test_tool_with_logging', {}, {}, modernMeta({ extra: { 'io.modelcontextprotocol/logLevel': level } }));
    const info = await responseOf(await post(server.url, withLevel(14, 'info')));
    assert.equal(info.headers.get('content-type'), 'text/event-stream');
    assert.deepEqual(info.others, ['Tool execution started', 'Tool processing data', 'Tool execution completed'].map((data) => ({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data } })));
    assert.deepEqual(info.message.result.content, [{ type: 'text', text: 'Tool with logging executed successfully' }]);
    const error = await responseOf(await post(server.url, withLevel(15, 'error')));
    assert.deepEqual(error.others, []);
    assert.equal(error.message.result.resultType, 'complete');
    const none = await responseOf(await post(server.url, call(16, 'test_tool_with_logging')));
    assert.deepEqual(none.others, []);
    assertError(await send(withLevel(17, 'loud')), 400, -32602, 17, /logLevel/);
  });

  test('a capability the request did not declare: -32021, HTTP 400, data.requiredCapabilities', async () => {
    const r = await send(call(13, 'test_missing_capability', {}, {}, modernMeta({ capabilities: {} })));
    assertError(r, 400, -32021, 13);
    assert.deepEqual(r.message.error.data, { requiredCapabilities: { sampling: {} } });
  });
});

describe('requestState (MRTR)', () => {
  const tool = 'test_input_required_result_elicitation';
  const answer = { user_name: { action: 'accept', content: { name: 'Ada' } } };
  let state;

  before(async () => {
    const first = await send(call(20, tool));
    assert.equal(first.message.result.resultType, 'input_required');
    state = first.message.result.requestState;
  });

  test('control: the state echoed with the answer completes the call', async () => {
    const r = await send(call(21, tool, {}, { inputResponses: answer, requestState: state }));
    assert.equal(r.status, 200);
    assert.equal(r.message.id, 21);
    assert.deepEqual(r.message.result.content, [{ type: 'text', text: 'Hello, Ada!' }]);
    assert.equal(r.message.result.resultType, 'complete');
  });

  test('a tampered requestState (one character changed) is refused with -32602', async () => {
    assert.ok(state.length > 40, state);
    const i = Math.floor(state.length / 2);
    const tampered = state.slice(0, i) + (state[i] === 'A' ? 'B' : 'A') + state.slice(i + 1);
    assertError(await send(call(22, tool, {}, { inputResponses: answer, requestState: tampered })), 200, -32602, 22, /requestState/);
    assertError(await send(call(23, tool, {}, { inputResponses: answer, requestState: state.slice(0, -4) })), 200, -32602, 23, /requestState/);
    assertError(await send(call(24, tool, {}, { inputResponses: answer, requestState: 'not-a-state' })), 200, -32602, 24, /requestState/);
  });

  test('a retry that leaves out the asked-for answer is asked again', async () => {
    const r = await send(call(28, tool, {}, { inputResponses: {}, requestState: state }));
    assert.equal(r.status, 200);
    assert.equal(r.message.result.resultType, 'input_required');
    assert.deepEqual(Object.keys(r.message.result.inputRequests), ['user_name']);
    assert.equal(typeof r.message.result.requestState, 'string');
  });

  test('an answer that is not an elicitation result is -32602', async () => {
    assertError(await send(call(29, tool, {}, { inputResponses: { user_name: 'yes' }, requestState: state })), 200, -32602, 29, /inputResponses/);
    const sampled = { user_name: { role: 'assistant', model: 'm', content: { type: 'text', text: 'hi' } } };
    assertError(await send(call(30, tool, {}, { inputResponses: sampled, requestState: state })), 200, -32602, 30, /inputResponses/);
  });

  // A params shape the schema forbids is refused before dispatch, like malformed _meta: HTTP 400.
  test('inputResponses that is not an object is -32602', async () => {
    assertError(await send(call(31, tool, {}, { inputResponses: 'x', requestState: state })), 400, -32602, 31, /inputResponses/);
  });

  test('a requestState that is not a string is -32602', async () => {
    assertError(await send(call(32, tool, {}, { inputResponses: answer, requestState: 42 })), 400, -32602, 32, /requestState/);
  });

  test('a requestState replayed on another tool is refused', async () => {
    const other = await send(call(25, 'test_input_required_result_tampered_state', {}, { inputResponses: { confirm: { action: 'accept', content: { ok: true } } }, requestState: state }));
    assertError(other, 200, -32602, 25, /requestState/);
  });

  // This tool takes no arguments, so strict binding refuses the extra one before the handler runs (an isError result);
  // the state's binding to the arguments' digest is exercised against a tool that takes any arguments in the xunit tests.
  test('a requestState replayed with other arguments never completes the call', async () => {
    const r = await send(call(26, tool, { extra: 'x' }, { inputResponses: answer, requestState: state }));
    const body = r.message;
    assert.equal(body.id, 26);
    assert.ok(body.error?.code === -32602 || body.result?.isError === true, JSON.stringify(body));
    assert.doesNotMatch(JSON.stringify(body), /Hello/);
  });

  test('a requestState replayed on another method (prompts/get) is refused', async () => {
    const r = await send({ jsonrpc: '2.0', id: 27, method: 'prompts/get', params: { _meta: modernMeta(), name: 'test_input_required_result_prompt', inputResponses: { user_context: { action: 'accept', content: { context: 'x' } } }, requestState: state } });
    assertError(r, 200, -32602, 27, /requestState/);
  });
});

describe('a live 2025-11-25 session is out of reach of modern traffic', () => {
  let session;
  before(async () => {
    session = await legacySession(server.url);
    const level = await send({ jsonrpc: '2.0', id: 40, method: 'logging/setLevel', params: { level: 'debug' } }, session.headers);
    assert.deepEqual(level.message, { jsonrpc: '2.0', id: 40, result: {} });
  });

  /** Starts test_elicitation in the session and returns the server's elicitation/create request and the stream. */
  async function pendingElicitation(id) {
    const response = await post(server.url, { jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'test_elicitation', arguments: { message: 'Who are you?' } } }, session.headers);
    assert.equal(response.status, 200);
    const frames = sseMessages(response)[Symbol.asyncIterator]();
    const ask = (await frames.next()).value;
    assert.equal(ask.method, 'elicitation/create');
    return { ask, frames };
  }

  /** Answers the session's elicitation as its client and returns the tool call's final messages. */
  async function answerAndFinish(ask, frames) {
    const answered = await post(server.url, { jsonrpc: '2.0', id: ask.id, result: { action: 'accept', content: { username: 'session-user', email: 'user@example.com' } } }, session.headers);
    assert.equal(answered.status, 202);
    const rest = [];
    await within((async () => { for (let x = await frames.next(); !x.done; x = await frames.next()) rest.push(x.value); })(), 5000,
      `the end of the tool call's stream (so far ${JSON.stringify(rest)})`);
    return rest;
  }

  test('a modern request carrying the session\'s Mcp-Session-Id is served statelessly: no session echoed, no session log level', async () => {
    const r = await responseOf(await post(server.url, call(41, 'test_tool_with_logging'), { 'mcp-session-id': session.sessionId }));
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('mcp-session-id'), null);
    assert.deepEqual(r.message.result.content, [{ type: 'text', text: 'Tool with logging executed successfully' }]);
    assert.deepEqual(r.others, [], 'no log notifications: the request asked for no level, and the session\'s level is not its own');
    // an id that names no session is ignored the same way
    const unknown = await responseOf(await post(server.url, call(42, 'test_simple_text'), { 'mcp-session-id': 'no-such-session' }));
    assert.equal(unknown.status, 200);
    assert.equal(unknown.message.result.resultType, 'complete');
    // the session is intact, its log level too
    const legacy = await responseOf(await post(server.url, { jsonrpc: '2.0', id: 43, method: 'tools/call', params: { name: 'test_tool_with_logging', arguments: {} } }, session.headers));
    assert.deepEqual(legacy.others.map((m) => m.params.data), ['Tool execution started', 'Tool processing data', 'Tool execution completed']);
    assert.deepEqual(legacy.message.result, { content: [{ type: 'text', text: 'Tool with logging executed successfully' }] });
  });

  test('a JSON-RPC response posted with the modern header cannot answer the session\'s pending elicitation', async () => {
    const { ask, frames } = await pendingElicitation(44);
    const forged = await post(server.url, { jsonrpc: '2.0', id: ask.id, result: { action: 'accept', content: { username: 'forged', email: 'forged@example.com' } } }, { 'mcp-session-id': session.sessionId });
    assert.equal(forged.status, 400);
    const refusal = JSON.parse(await forged.text());
    assert.equal(refusal.id, ask.id);
    assert.equal(refusal.error.code, -32600);
    const rest = await answerAndFinish(ask, frames);
    assert.deepEqual(rest, [{ jsonrpc: '2.0', id: 44, result: { content: [{ type: 'text', text: 'User response: action=accept, content={"username":"session-user","email":"user@example.com"}' }] } }]);
  });

  test('the refusal of a response posted with MCP-Protocol-Version 2026-07-28 does not call that version unsupported', async () => {
      const forged = await post(server.url, { jsonrpc: '2.0', id: 99, result: {} }, { 'mcp-session-id': session.sessionId });
      const refusal = JSON.parse(await forged.text());
      assert.equal(forged.status, 400);
      assert.doesNotMatch(refusal.error.message, /unsupported MCP-Protocol-Version '2026-07-28'/);
    });

  test('a notifications/cancelled posted with MCP-Protocol-Version 2026-07-28 and modern _meta does not cancel the session\'s request', async () => {
      const { ask, frames } = await pendingElicitation(45);
      const cancel = await post(server.url, { jsonrpc: '2.0', method: 'notifications/cancelled', params: { _meta: modernMeta(), requestId: 45, reason: 'modern traffic' } }, { 'mcp-session-id': session.sessionId });
      await cancel.body?.cancel();
      assert.ok(cancel.status === 202 || cancel.status === 400, `HTTP ${cancel.status}`);
      const rest = await answerAndFinish(ask, frames);
      assert.deepEqual(rest, [{ jsonrpc: '2.0', id: 45, result: { content: [{ type: 'text', text: 'User response: action=accept, content={"username":"session-user","email":"user@example.com"}' }] } }]);
    });
});
