// Where the built servers are, and how to start them. tests/run.sh exports the paths; defaults fit a local Release build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const config = process.env.MCPGEN_CONFIGURATION ?? 'Release';

function dll(relative) {
  const file = path.join(root, relative);
  if (!existsSync(file)) throw new Error(`${file} does not exist: build the solution (${config}) first`);
  return file;
}

/** The Everything sample (the conformance server): the native AOT binary when tests/run.sh published one, else the built dll. */
export function everything(...extra) {
  if (process.env.MCPGEN_EVERYTHING_CMD) return { command: process.env.MCPGEN_EVERYTHING_CMD, args: [...extra] };
  return { command: 'dotnet', args: [process.env.MCPGEN_EVERYTHING_DLL ?? dll(`samples/Everything/bin/${config}/net10.0/Everything.dll`), ...extra] };
}

/** The test server with hang/slow/console/throw tools. */
export function testServer(...extra) {
  return { command: 'dotnet', args: [dll(`tests/McpGen.TestServer/bin/${config}/net10.0/McpGen.TestServer.dll`), ...extra] };
}

export const repoRoot = root;

/** The Orders sample (authorization required): the native AOT binary when tests/run.sh published one, else the built dll. */
export function orders(...extra) {
  if (process.env.MCPGEN_ORDERS_CMD) return { command: process.env.MCPGEN_ORDERS_CMD, args: [...extra] };
  return { command: 'dotnet', args: [dll(`samples/Orders/bin/${config}/net10.0/Orders.dll`), ...extra] };
}
