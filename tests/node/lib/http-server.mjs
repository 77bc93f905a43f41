// Starts a server that serves Streamable HTTP on 127.0.0.1 port 0 and learns its address from the "Listening on" line.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * Starts `command args` (which must print `Listening on http://...`) and resolves with its MCP endpoint.
 * @param {{command: string, args: string[]}} cmd
 * @returns {Promise<{url: URL, child: import('node:child_process').ChildProcess, stop: () => Promise<void>}>}
 */
export async function startHttpServer(cmd, timeoutMs = 20000) {
  const child = spawn(cmd.command, cmd.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "Listening on" line within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Listening on (\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(new URL(m[1])); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}) before listening; stderr: ${stderr}`)); });
  });
  child.stdout.resume();
  return {
    url,
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
}
