// The modern-era peer: the same bench tools on the official TypeScript SDK v2 server (@modelcontextprotocol/server
// 2.4.0, installed in tests/node), served the way its documentation shows for revision 2026-07-28: createMcpHandler
// with a per-request server factory (stateless by construction: every request gets a fresh McpServer, no sessions),
// JSON responses (responseMode 'json'), on node's http server at /mcp.
// createMcpHandler is web-standard (fetch(Request) => Response); the SDK documents wrapping it for node:http with
// toNodeHandler from @modelcontextprotocol/node, which is not installed here, so getRequestListener from
// @hono/node-server (the adapter the SDK's own node transports are built on; installed in tests/node) does that job.
// Usage: node bench-server-v2.mjs --http PORT   (prints "listening on http://127.0.0.1:PORT/mcp")
import { createRequire } from 'node:module';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const nodeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node');
const require = createRequire(path.join(nodeDir, 'package.json'));
const { McpServer, createMcpHandler } = await import(require.resolve('@modelcontextprotocol/server'));
const { getRequestListener } = await import(require.resolve('@hono/node-server'));
const { z } = await import(require.resolve('zod'));

const OrderStatus = z.enum(['Pending', 'Shipped', 'Delivered', 'Cancelled']);

function createServer() {
  const server = new McpServer({ name: 'typescript-sdk-v2-bench', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echoes the message.', inputSchema: z.object({ message: z.string().describe('The message.') }) },
    async ({ message }) => ({ content: [{ type: 'text', text: message }] }));
  server.registerTool('add', { description: 'Adds two integers.', inputSchema: z.object({ a: z.number().int(), b: z.number().int() }) },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
  server.registerTool('search_orders', {
    description: 'Searches orders.',
    inputSchema: z.object({
      query: z.object({
        customer: z.string(),
        limit: z.number().int().default(10),
        status: OrderStatus.nullable().optional(),
        tags: z.array(z.string()).nullable().optional(),
      }),
    }),
    outputSchema: z.object({
      items: z.array(z.object({ id: z.string(), customer: z.string(), total: z.number(), status: OrderStatus })),
      nextCursor: z.string().nullable().optional(),
    }),
  }, async ({ query }) => {
    const items = [];
    for (let i = 1; i <= query.limit; i++) items.push({ id: `ord-${i}`, customer: query.customer, total: i * 10.5, status: query.status ?? 'Pending' });
    const page = { items, nextCursor: null };
    return { content: [{ type: 'text', text: JSON.stringify(page) }], structuredContent: page };
  });
  return server;
}

const mode = process.argv[2] ?? '--http';
if (mode !== '--http') {
  console.error('usage: bench-server-v2.mjs --http PORT');
  process.exit(2);
}
const port = Number(process.argv[3] ?? 0);
// Both eras on one endpoint (the default legacy: 'stateless'); 2026-07-28 requests are answered with one JSON body.
const handler = createMcpHandler(() => createServer(), { responseMode: 'json' });
const listener = getRequestListener((request) => handler.fetch(request));
const httpServer = http.createServer((req, res) => {
  if (!req.url.startsWith('/mcp')) { res.writeHead(404).end(); return; }
  listener(req, res);
});
httpServer.listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${httpServer.address().port}/mcp`));
