// Bad input the official client never sends, written raw to a real child process; after each, the official
// SDK client on the same connection must still get answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { RawStdioTransport } from '../lib/raw-stdio-transport.mjs';
import { everything } from '../lib/servers.mjs';

let client;
let transport;

before(async () => {
  transport = new RawStdioTransport(everything());
  client = new Client({ name: 'mcpgen-bad-input', version: '1.0.0' }, { capabilities: {} });
  client.onerror = () => {}; // stray errors (id: null) are expected here
  await client.connect(transport);
});

after(async () => { await client?.close(); });

const cases = [
  ['malformed JSON', 'this is {not json\n', (m) => m.id === null && m.error?.code === -32700],
  ['truncated JSON', '{"jsonrpc":"2.0","id":901,"method":\n', (m) => m.id === null && m.error?.code === -32700],
  ['a batch (array)', '[{"jsonrpc":"2.0","id":902,"method":"ping"}]\n', (m) => m.id === null && m.error?.code === -32600],
  ['a JSON value that is not a message', '12345\n', (m) => m.id === null && m.error?.code === -32600],
  ['missing jsonrpc', '{"id":903,"method":"ping"}\n', (m) => m.id === 903 && m.error?.code === -32600],
  ['unknown method', '{"jsonrpc":"2.0","id":904,"method":"no/such"}\n', (m) => m.id === 904 && m.error?.code === -32601],
  ['params not an object', '{"jsonrpc":"2.0","id":905,"method":"tools/call","params":[1]}\n', (m) => m.id === 905 && m.error?.code === -32602],
  ['unknown tool', '{"jsonrpc":"2.0","id":906,"method":"tools/call","params":{"name":"nope"}}\n', (m) => m.id === 906 && m.error?.code === -32602],
  ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), (m) => m.id === null && m.error?.code === -32700],
  ['deep nesting', '{"jsonrpc":"2.0","id":907,"method":"ping","params":{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}}\n', (m) => m.id === null && m.error?.code === -32600],
];

for (const [name, input, isExpected] of cases) {
  test(`${name} is answered and the session goes on`, async () => {
    const before = transport.lines.length;
    transport.writeRaw(input);
    const reply = await transport.waitFor((m) => transport.lines.indexOf(m) >= before && isExpected(m));
    assert.ok(reply.error.message.length > 0);
    const { tools } = await client.listTools();
    assert.equal(tools.length, 28); // the 14 reference tools of 0.1.16 and 14 of the 2026-07-28 suite
    assert.deepEqual(await client.ping(), {});
  });
}

test('an oversized message (over 4 MiB) is refused and skipped', async () => {
  const before = transport.lines.length;
  transport.writeRaw('{"jsonrpc":"2.0","id":908,"method":"ping","params":{"pad":"' + 'x'.repeat(5 * 1024 * 1024) + '"}}\n');
  const reply = await transport.waitFor((m) => transport.lines.indexOf(m) >= before && m.error?.code === -32600, 20000);
  assert.match(reply.error.message, /limit/);
  assert.deepEqual(await client.ping(), {});
});
