// The official TypeScript SDK client drives the Everything sample over stdio (a real child process).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  CreateMessageRequestSchema, ElicitRequestSchema, ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { everything } from '../lib/servers.mjs';

let client;
let transport;
const logs = [];
const elicitations = [];

before(async () => {
  transport = new StdioClientTransport({ ...everything(), stderr: 'pipe' });
  client = new Client({ name: 'mcpgen-interop', version: '1.0.0' },
    { capabilities: { sampling: {}, elicitation: { form: {} }, roots: { listChanged: true } } });
  client.setRequestHandler(CreateMessageRequestSchema, async (req) => ({
    role: 'assistant', model: 'test-model', stopReason: 'endTurn',
    content: { type: 'text', text: `echo of: ${req.params.messages[0].content.text}` },
  }));
  client.setRequestHandler(ElicitRequestSchema, async (req) => {
    elicitations.push(req.params);
    const props = req.params.requestedSchema.properties;
    if (props.username) return { action: 'accept', content: { username: 'testuser', email: 'test@example.com' } };
    return { action: 'accept', content: Object.fromEntries(Object.entries(props).filter(([, p]) => p.default !== undefined).map(([k, p]) => [k, p.default])) };
  });
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: 'file:///tmp', name: 'tmp' }] }));
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => { logs.push(n.params); });
  await client.connect(transport);
});

after(async () => { await client?.close(); });

test('initialize: version, server info, capabilities, instructions', () => {
  assert.equal(client.getServerVersion().name, 'mcpgen-everything');
  const caps = client.getServerCapabilities();
  assert.deepEqual(caps.tools, { listChanged: true });
  assert.deepEqual(caps.prompts, { listChanged: true });
  assert.deepEqual(caps.resources, { subscribe: true, listChanged: true });
  assert.deepEqual(caps.logging, {});
  assert.deepEqual(caps.completions, {});
  assert.match(client.getInstructions(), /test server/);
});

test('ping', async () => { assert.deepEqual(await client.ping(), {}); });

test('tools/list has the 28 reference tools (0.1.16 and 2026-07-28 suites), each with a description and an object schema', async () => {
  const { tools } = await client.listTools();
  assert.equal(tools.length, 28);
  for (const t of tools) {
    assert.ok(t.description, t.name);
    assert.equal(t.inputSchema.type, 'object');
  }
  const schema = tools.find((t) => t.name === 'json_schema_2020_12_tool').inputSchema;
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.ok(schema.$defs.address);
  assert.equal(schema.additionalProperties, false);
});

test('tools/call: text, image, audio, embedded resource, mixed, error', async () => {
  const text = await client.callTool({ name: 'test_simple_text' });
  assert.equal(text.content[0].text, 'This is a simple text response for testing.');
  const image = await client.callTool({ name: 'test_image_content', arguments: {} });
  assert.equal(image.content[0].type, 'image');
  assert.equal(image.content[0].mimeType, 'image/png');
  assert.ok(atob(image.content[0].data).length > 0);
  const audio = await client.callTool({ name: 'test_audio_content', arguments: {} });
  assert.equal(audio.content[0].mimeType, 'audio/wav');
  const embedded = await client.callTool({ name: 'test_embedded_resource', arguments: {} });
  assert.deepEqual(embedded.content[0], { type: 'resource', resource: { uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' } });
  const mixed = await client.callTool({ name: 'test_multiple_content_types', arguments: {} });
  assert.deepEqual(mixed.content.map((c) => c.type), ['text', 'image', 'resource']);
  const error = await client.callTool({ name: 'test_error_handling', arguments: {} });
  assert.equal(error.isError, true);
  assert.equal(error.content[0].text, 'This tool intentionally returns an error for testing');
});

test('tools/call with progress: notifications arrive before the result, token echoed', async () => {
  const seen = [];
  const result = await client.callTool({ name: 'test_tool_with_progress', arguments: {} }, undefined, { onprogress: (p) => seen.push(p) });
  assert.equal(seen.length, 3);
  assert.deepEqual(seen.map((p) => p.progress), [0, 50, 100]);
  assert.ok(seen.every((p) => p.total === 100));
  assert.match(result.content[0].text, /^\d+$/); // the numeric progress token, echoed as a number
});

test('logging: setLevel then a tool that logs', async () => {
  assert.deepEqual(await client.setLoggingLevel('debug'), {});
  logs.length = 0;
  const result = await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
  assert.equal(result.content[0].text, 'Tool with logging executed successfully');
  assert.deepEqual(logs.map((l) => l.data), ['Tool execution started', 'Tool processing data', 'Tool execution completed']);
  assert.ok(logs.every((l) => l.level === 'info'));
  await client.setLoggingLevel('error');
  logs.length = 0;
  await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
  assert.equal(logs.length, 0);
});

test('sampling round trip', async () => {
  const result = await client.callTool({ name: 'test_sampling', arguments: { prompt: 'Say hi' } });
  assert.equal(result.content[0].text, 'LLM response: echo of: Say hi');
});

test('elicitation round trips (basic, SEP-1034 defaults, SEP-1330 enums)', async () => {
  elicitations.length = 0;
  const basic = await client.callTool({ name: 'test_elicitation', arguments: { message: 'Who are you?' } });
  assert.match(basic.content[0].text, /action=accept/);
  assert.match(basic.content[0].text, /testuser/);
  const defaults = await client.callTool({ name: 'test_elicitation_sep1034_defaults', arguments: {} });
  assert.match(defaults.content[0].text, /"name":"John Doe"/);
  const d = elicitations[1].requestedSchema.properties;
  assert.equal(d.age.type, 'integer'); assert.equal(d.age.default, 30);
  assert.equal(d.score.default, 95.5); assert.equal(d.verified.default, true);
  assert.deepEqual(d.status.enum, ['active', 'inactive', 'pending']);
  await client.callTool({ name: 'test_elicitation_sep1330_enums', arguments: {} });
  const e = elicitations[2].requestedSchema.properties;
  assert.ok(e.titledSingle.oneOf && !e.titledSingle.enum);
  assert.ok(e.untitledSingle.enum && !e.untitledSingle.oneOf);
  assert.equal(e.legacyEnum.enumNames.length, 3);
  assert.ok(e.untitledMulti.items.enum && !e.untitledMulti.items.anyOf);
  assert.ok(e.titledMulti.items.anyOf && !e.titledMulti.items.enum);
});

test('prompts: list, simple, with arguments, embedded resource, image', async () => {
  const { prompts } = await client.listPrompts();
  assert.deepEqual(prompts.map((p) => p.name).sort(), ['test_input_required_result_prompt', 'test_prompt_with_arguments', 'test_prompt_with_embedded_resource', 'test_prompt_with_image', 'test_simple_prompt']);
  assert.ok(prompts.every((p) => p.description));
  const simple = await client.getPrompt({ name: 'test_simple_prompt' });
  assert.equal(simple.messages[0].content.text, 'This is a simple prompt for testing.');
  const args = await client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'testValue1', arg2: 'testValue2' } });
  assert.match(JSON.stringify(args.messages), /testValue1.*testValue2/);
  const embedded = await client.getPrompt({ name: 'test_prompt_with_embedded_resource', arguments: { resourceUri: 'test://example-resource' } });
  assert.equal(embedded.messages[0].content.type, 'resource');
  assert.equal(embedded.messages[0].content.resource.uri, 'test://example-resource');
  const image = await client.getPrompt({ name: 'test_prompt_with_image' });
  assert.equal(image.messages[0].content.type, 'image');
  await assert.rejects(client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'only one' } }), /-32602|arg2/);
});

test('resources: list, templates, read text/binary/template, subscribe, unsubscribe', async () => {
  const { resources } = await client.listResources();
  assert.deepEqual(resources.map((r) => r.uri).sort(), ['test://static-binary', 'test://static-text', 'test://watched-resource']);
  assert.ok(resources.every((r) => r.name));
  const { resourceTemplates } = await client.listResourceTemplates();
  assert.equal(resourceTemplates[0].uriTemplate, 'test://template/{id}/data');
  const text = await client.readResource({ uri: 'test://static-text' });
  assert.equal(text.contents[0].text, 'This is the content of the static text resource.');
  const binary = await client.readResource({ uri: 'test://static-binary' });
  assert.equal(binary.contents[0].mimeType, 'image/png');
  assert.ok(atob(binary.contents[0].blob).length > 0);
  const templated = await client.readResource({ uri: 'test://template/123/data' });
  assert.equal(JSON.parse(templated.contents[0].text).id, '123');
  assert.deepEqual(await client.subscribeResource({ uri: 'test://watched-resource' }), {});
  assert.deepEqual(await client.unsubscribeResource({ uri: 'test://watched-resource' }), {});
  await assert.rejects(client.readResource({ uri: 'test://nope' }), /-32002|not found/);
});

test('completion/complete for a prompt argument and a template variable', async () => {
  const prompt = await client.complete({ ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' }, argument: { name: 'arg1', value: 'test' } });
  assert.deepEqual(prompt.completion, { values: [], total: 0, hasMore: false });
  const resource = await client.complete({ ref: { type: 'ref/resource', uri: 'test://template/{id}/data' }, argument: { name: 'id', value: '1' } });
  assert.ok(Array.isArray(resource.completion.values));
});

test('unknown tool is a JSON-RPC error', async () => {
  await assert.rejects(client.callTool({ name: 'does_not_exist', arguments: {} }), /-32602|Unknown tool/);
});
