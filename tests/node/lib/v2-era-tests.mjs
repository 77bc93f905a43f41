// The tests both v2 client suites (stdio and HTTP) run in each era: the same calls, with the era's own wire shape
// checked (per-request _meta and input-required results in the modern era; initialize and real server-to-client
// requests in the legacy era).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { MODERN, requests, responseTo } from './v2-client.mjs';

const PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';
const CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
const SERVER_INFO = { name: 'mcpgen-everything', version: '1.0.0' };

/**
 * @param {{era: 'modern'|'legacy', version: string}} era
 * @param {() => Promise<{client: any, wire: {out: any[], in: any[]}, asked: {elicitations: any[], samplings: any[]}, errors: any[]}>} connect
 */
export function defineEraTests(era, connect) {
  const modern = era.era === 'modern';
  let c;
  before(async () => { c = await connect(); });
  after(async () => { await c?.client.close(); });

  /** Runs fn and returns what it sent and received meanwhile (slices of the wire record). */
  async function traced(fn) {
    const out = c.wire.out.length, inn = c.wire.in.length;
    const value = await fn();
    return { value, out: c.wire.out.slice(out), in: c.wire.in.slice(inn) };
  }

  /** The tools/call requests sent for one tool. */
  const calls = (messages, name) => requests(messages, 'tools/call').filter((m) => m.params.name === name);

  test('connect: the negotiated era, version and server identity', () => {
    assert.equal(c.client.getProtocolEra(), era.era);
    assert.equal(c.client.getNegotiatedProtocolVersion(), era.version);
    assert.deepEqual(c.client.getServerVersion(), SERVER_INFO);
    assert.deepEqual(c.client.getServerCapabilities().tools, { listChanged: true });
    assert.equal(c.client.getInstructions(), 'A test server exercising every MCP feature that McpGen supports.');
    const initializes = requests(c.wire.out, 'initialize');
    if (modern) {
      const discover = c.client.getDiscoverResult();
      assert.deepEqual(discover.supportedVersions, [MODERN]);
      assert.deepEqual(discover.capabilities.resources, { subscribe: true, listChanged: true });
      assert.equal(initializes.length, 0, 'no initialize in the modern era');
    } else {
      assert.equal(c.client.getDiscoverResult(), undefined);
      assert.equal(initializes.length, 1);
      assert.equal(initializes[0].params.protocolVersion, era.version);
      assert.equal(requests(c.wire.out, 'server/discover').length, 0, 'legacy forced: no probe');
    }
  });

  test('tools/list: every tool, and each request carries the era\'s metadata', async () => {
    const { value, out } = await traced(() => c.client.listTools());
    const names = value.tools.map((t) => t.name);
    assert.equal(names.length, 28);
    for (const name of ['test_simple_text', 'test_tool_with_progress', 'test_input_required_result_elicitation', 'test_input_required_result_multi_round', 'test_input_required_result_sampling', 'test_trigger_tool_change']) {
      assert.ok(names.includes(name), name);
    }
    assert.ok(!names.includes('test_dynamic_tool'));
    const [list] = requests(out, 'tools/list');
    if (modern) {
      assert.equal(list.params._meta[PROTOCOL_VERSION], MODERN);
      assert.deepEqual(list.params._meta[CLIENT_CAPABILITIES], { elicitation: { form: {} }, sampling: {} });
    } else {
      assert.equal(list.params?._meta?.[PROTOCOL_VERSION], undefined);
    }
  });

  test('tools/call test_simple_text', async () => {
    const result = await c.client.callTool({ name: 'test_simple_text', arguments: {} });
    assert.deepEqual(result.content, [{ type: 'text', text: 'This is a simple text response for testing.' }]);
    assert.equal(result.isError, undefined);
    // the modern era puts the server's identity on every result
    assert.deepEqual(result._meta?.['io.modelcontextprotocol/serverInfo'], modern ? SERVER_INFO : undefined);
  });

  test('tools/call with progress: three notifications, then the result echoes the progress token', async () => {
    const seen = [];
    const { value, out } = await traced(() => c.client.callTool({ name: 'test_tool_with_progress', arguments: {} }, { onprogress: (p) => seen.push(p) }));
    assert.deepEqual(seen, [0, 50, 100].map((p) => ({ progress: p, total: 100, message: `Completed step ${p} of 100` })));
    const [call] = calls(out, 'test_tool_with_progress');
    assert.equal(typeof call.params._meta.progressToken, 'number');
    assert.deepEqual(value.content, [{ type: 'text', text: String(call.params._meta.progressToken) }]);
  });

  test('resources/read test://static-text', async () => {
    const result = await c.client.readResource({ uri: 'test://static-text' });
    assert.deepEqual(result.contents, [{ uri: 'test://static-text', mimeType: 'text/plain', text: 'This is the content of the static text resource.' }]);
  });

  test('prompts/get test_simple_prompt and test_prompt_with_arguments', async () => {
    const simple = await c.client.getPrompt({ name: 'test_simple_prompt' });
    assert.deepEqual(simple.messages, [{ role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } }]);
    const args = await c.client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'first', arg2: 'second' } });
    assert.equal(args.messages.length, 1);
    assert.match(args.messages[0].content.text, /first.*second/s);
  });

  test('elicitation round trip: the handler answers {name: Ada}, the tool says "Hello, Ada!"', async () => {
    c.asked.elicitations.length = 0;
    const tool = 'test_input_required_result_elicitation';
    const { value, out, in: inn } = await traced(() => c.client.callTool({ name: tool, arguments: {} }));
    assert.deepEqual(value.content, [{ type: 'text', text: 'Hello, Ada!' }]);
    assert.deepEqual(c.asked.elicitations, [{ message: 'What is your name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } }]);
    const sent = calls(out, tool);
    if (modern) {
      // MRTR: the first call ends with an input-required result; the retry (new id) echoes requestState with the answer
      assert.equal(sent.length, 2);
      assert.notEqual(sent[0].id, sent[1].id);
      const first = responseTo(inn, sent[0].id).result;
      assert.equal(first.resultType, 'input_required');
      assert.deepEqual(Object.keys(first.inputRequests), ['user_name']);
      assert.equal(first.inputRequests.user_name.method, 'elicitation/create');
      assert.equal(typeof first.requestState, 'string');
      assert.equal(sent[0].params.requestState, undefined);
      assert.equal(sent[1].params.requestState, first.requestState);
      assert.deepEqual(sent[1].params.inputResponses, { user_name: { action: 'accept', content: { name: 'Ada' } } });
      assert.equal(responseTo(inn, sent[1].id).result.resultType, 'complete');
      assert.equal(requests(inn).length, 0, 'no server-to-client request in the modern era');
    } else {
      // a real server-to-client request in the middle of the one call
      assert.equal(sent.length, 1);
      const [ask] = requests(inn, 'elicitation/create');
      assert.equal(requests(inn).length, 1);
      assert.deepEqual(responseTo(out, ask.id).result, { action: 'accept', content: { name: 'Ada' } });
      assert.equal(responseTo(inn, sent[0].id).result.resultType, undefined);
    }
  });

  test('multi-round elicitation: two questions, one after the other', async () => {
    c.asked.elicitations.length = 0;
    const tool = 'test_input_required_result_multi_round';
    const { value, out, in: inn } = await traced(() => c.client.callTool({ name: tool, arguments: {} }));
    assert.deepEqual(value.content, [{ type: 'text', text: 'Multi-round complete for Ada who likes blue' }]);
    assert.deepEqual(c.asked.elicitations.map((e) => e.message), ['Step 1: What is your name?', 'Step 2: What is your favorite color?']);
    const sent = calls(out, tool);
    if (modern) {
      assert.equal(sent.length, 3);
      const r1 = responseTo(inn, sent[0].id).result;
      const r2 = responseTo(inn, sent[1].id).result;
      assert.deepEqual([r1.resultType, r2.resultType], ['input_required', 'input_required']);
      assert.deepEqual(Object.keys(r1.inputRequests), ['step1']);
      assert.deepEqual(Object.keys(r2.inputRequests), ['step2']);
      assert.notEqual(r1.requestState, r2.requestState);
      assert.equal(sent[1].params.requestState, r1.requestState);
      assert.equal(sent[2].params.requestState, r2.requestState);
      assert.deepEqual(sent[2].params.inputResponses, { step2: { action: 'accept', content: { color: 'blue' } } });
      assert.equal(requests(inn).length, 0);
    } else {
      assert.equal(sent.length, 1);
      assert.equal(requests(inn, 'elicitation/create').length, 2);
    }
  });

  test('sampling round trip: the handler\'s model reply reaches the tool', async () => {
    c.asked.samplings.length = 0;
    const tool = 'test_input_required_result_sampling';
    const { value, out, in: inn } = await traced(() => c.client.callTool({ name: tool, arguments: {} }));
    assert.deepEqual(value.content, [{ type: 'text', text: 'Sampling result: Paris' }]);
    assert.deepEqual(c.asked.samplings.map((s) => [s.messages, s.maxTokens]), [[[{ role: 'user', content: { type: 'text', text: 'What is the capital of France?' } }], 100]]);
    const sent = calls(out, tool);
    if (modern) {
      assert.equal(sent.length, 2);
      const first = responseTo(inn, sent[0].id).result;
      assert.equal(first.inputRequests.sample_request.method, 'sampling/createMessage');
      assert.equal(sent[1].params.inputResponses.sample_request.content.text, 'Paris');
    } else {
      assert.equal(sent.length, 1);
      assert.equal(requests(inn, 'sampling/createMessage').length, 1);
    }
  });

  test('an unknown tool is a JSON-RPC error', async () => {
    await assert.rejects(c.client.callTool({ name: 'does_not_exist', arguments: {} }), (e) => e.code === -32602 && /does_not_exist/.test(e.message));
  });

  test('nothing went to the client\'s error handler', () => {
    assert.deepEqual(c.errors.map((e) => e.message), []);
  });

  return () => c;
}
