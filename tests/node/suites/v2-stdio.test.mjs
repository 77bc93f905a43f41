// The official TypeScript v2 client (@modelcontextprotocol/client 2.4.0) drives the Everything sample over stdio
// (a real child process) in both eras: modern by default ('auto' probes server/discover, on a short-lived sibling
// process for the SDK's stdio transport) and legacy forced (initialize, then real server-to-client requests).
import { describe } from 'node:test';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { everything } from '../lib/servers.mjs';
import { ERAS, recordWire, v2Client } from '../lib/v2-client.mjs';
import { defineEraTests } from '../lib/v2-era-tests.mjs';

for (const era of ERAS) {
  describe(`v2 client over stdio, ${era.label}`, { timeout: 60000 }, () => {
    defineEraTests(era, async () => {
      const transport = new StdioClientTransport({ ...everything(), stderr: 'pipe' });
      const wire = recordWire(transport);
      const { client, asked, errors } = v2Client(era.mode);
      await client.connect(transport, { timeout: 15000 });
      return { client, wire, asked, errors };
    });
  });
}
