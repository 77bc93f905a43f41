// The peer: the same three bench tools on the official TypeScript SDK (@modelcontextprotocol/sdk 1.32.2, installed
// in tests/node), written the way its documentation shows.
// Usage: node bench-server.mjs --stdio | --http PORT   (HTTP: stateless Streamable HTTP with JSON responses at /mcp)
import { createRequire } from 'node:module';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const nodeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node');
const require = createRequire(path.join(nodeDir, 'package.json'));
const { McpServer } = await import(require.resolve('@modelcontextprotocol/sdk/server/mcp.js'));
const { StdioServerTransport } = await import(require.resolve('@modelcontextprotocol/sdk/server/stdio.js'));
const { StreamableHTTPServerTransport } = await import(require.resolve('@modelcontextprotocol/sdk/server/streamableHttp.js'));
const { z } = await import(require.resolve('zod'));

const OrderStatus = z.enum(['Pending', 'Shipped', 'Delivered', 'Cancelled']);

function createServer() {
  const server = new McpServer({ name: 'typescript-sdk-bench', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echoes the message.', inputSchema: { message: z.string().describe('The message.') } },
    async ({ message }) => ({ content: [{ type: 'text', text: message }] }));
  server.registerTool('add', { description: 'Adds two integers.', inputSchema: { a: z.number().int(), b: z.number().int() } },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
  server.registerTool('search_orders', {
    description: 'Searches orders.',
    inputSchema: {
      query: z.object({
        customer: z.string(),
        limit: z.number().int().default(10),
        status: OrderStatus.nullable().optional(),
        tags: z.array(z.string()).nullable().optional(),
      }),
    },
    outputSchema: {
      items: z.array(z.object({ id: z.string(), customer: z.string(), total: z.number(), status: OrderStatus })),
      nextCursor: z.string().nullable().optional(),
    },
  }, async ({ query }) => {
    const items = [];
    for (let i = 1; i <= query.limit; i++) items.push({ id: `ord-${i}`, customer: query.customer, total: i * 10.5, status: query.status ?? 'Pending' });
    const page = { items, nextCursor: null };
    return { content: [{ type: 'text', text: JSON.stringify(page) }], structuredContent: page };
  });
  return server;
}

const mode = process.argv[2] ?? '--stdio';
if (mode === '--stdio') {
  await createServer().connect(new StdioServerTransport());
} else if (mode === '--http') {
  const port = Number(process.argv[3] ?? 0);
  const httpServer = http.createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url.startsWith('/mcp')) { res.writeHead(405).end(); return; }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    // Stateless mode, as the SDK documents it: a new server and transport per request.
    const server = createServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => { transport.close(); server.close(); });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  });
  httpServer.listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${httpServer.address().port}/mcp`));
} else {
  console.error('usage: bench-server.mjs --stdio | --http PORT');
  process.exit(2);
}
