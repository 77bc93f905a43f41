// An SDK Transport over a child process's stdio that also lets a test write raw bytes (bad input the official
// client would never send) and see every line the server wrote, before the SDK's schema validation.
import { spawn } from 'node:child_process';
import { deserializeMessage, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';

export class RawStdioTransport {
  constructor({ command, args }) {
    this.command = command;
    this.args = args;
    this.lines = [];        // every stdout line, parsed as plain JSON
    this.stderr = '';
    this._buffer = '';
    this._waiters = [];
  }

  async start() {
    this.process = spawn(this.command, this.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr.on('data', (d) => { this.stderr += d.toString(); });
    this.process.stdout.on('data', (chunk) => {
      this._buffer += chunk.toString('utf8');
      let nl;
      while ((nl = this._buffer.indexOf('\n')) >= 0) {
        const line = this._buffer.slice(0, nl);
        this._buffer = this._buffer.slice(nl + 1);
        let json;
        try { json = JSON.parse(line); } catch { json = { unparsable: line }; }
        this.lines.push(json);
        for (const w of [...this._waiters]) if (w.predicate(json)) { this._waiters.splice(this._waiters.indexOf(w), 1); w.resolve(json); }
        // Hand messages the SDK can parse to the client; raw-only replies (e.g. errors with id null) stay in `lines`.
        if (json.id === null) continue;
        try { this.onmessage?.(deserializeMessage(line)); } catch (e) { this.onerror?.(e); }
      }
    });
    this.exited = new Promise((resolve) => this.process.on('exit', (code, signal) => { this.onclose?.(); resolve({ code, signal }); }));
  }

  async send(message) { this.process.stdin.write(serializeMessage(message)); }

  /** Writes raw bytes or a string as-is (add '\n' yourself). */
  writeRaw(data) { this.process.stdin.write(data); }

  /** Resolves with the first stdout message (already seen or future) matching the predicate. */
  waitFor(predicate, timeoutMs = 10000) {
    const seen = this.lines.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting; stdout: ' + JSON.stringify(this.lines).slice(0, 2000) + '\nstderr: ' + this.stderr)), timeoutMs);
      this._waiters.push({ predicate, resolve: (v) => { clearTimeout(timer); resolve(v); } });
    });
  }

  async close() {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      this.process.stdin.end();
      const timer = setTimeout(() => this.process.kill('SIGKILL'), 10000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}
