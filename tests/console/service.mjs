// The browser test's gridbot: the real binary on a free 127.0.0.1 port with --test-clock, a temp
// data directory, and the sample organization plus console users whose password hashes come from
// `gridbot hash-password`; and the local platform's API, through which residents write.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function hashPassword(binary, password) {
  const run = spawnSync(binary, ['hash-password'], { input: `${password}\n`, encoding: 'utf8' });
  if (run.status !== 0 || !run.stdout.trim())
    throw new Error(`gridbot hash-password failed (status ${run.status}): ${run.stderr.trim()}`);
  return run.stdout.trim().split('\n').pop().trim();
}

// The sample organization with `users` as its console users ({id, name, role, ..., password}).
export function writeOrganization(binary, sourceDir, dir, users) {
  const doc = JSON.parse(readFileSync(join(sourceDir, 'organization/sample.json'), 'utf8'));
  doc.console_users = users.map(({ password, ...user }) => ({ ...user, password_hash: hashPassword(binary, password) }));
  const path = join(dir, 'organization.json');
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

// How many times longer than usual to wait for gridbot: GRIDBOT_TEST_PATIENCE, which scripts/asan.sh
// sets for its slower sanitized binary (a sign-in's PBKDF2 alone takes seconds there). Never a
// speed target: only how long a step may take before the test gives up.
export const patience = Number(process.env.GRIDBOT_TEST_PATIENCE ?? 1);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Service {
  static async start({ binary, sourceDir, users, clock }) {
    const dir = mkdtempSync(join(tmpdir(), 'gridbot-console-'));
    const organization = writeOrganization(binary, sourceDir, dir, users);
    const port = await freePort();
    const service = new Service(dir, port);
    // The working directory is the source tree, where the console's default directory
    // (web/console/dist) is found, as under ./run serve.
    service.child = spawn(binary, ['serve', '--listen', `127.0.0.1:${port}`, '--data', join(dir, 'data'),
      `--test-clock=${clock}`, '--organization', organization], { cwd: sourceDir, stdio: ['ignore', 'pipe', 'pipe'] });
    service.child.stdout.on('data', (d) => { service.output += d; });
    service.child.stderr.on('data', (d) => { service.output += d; });
    service.child.on('exit', (code, signal) => { service.exited = { code, signal }; });
    for (let i = 0; i < 400 * patience; ++i) {
      if (service.exited) break;
      try {
        if ((await fetch(`${service.base}/healthz`)).ok) return service;
      } catch { /* not listening yet */ }
      await sleep(25);
    }
    const log = service.output;
    await service.stop();
    throw new Error(`gridbot did not come up on port ${port}:\n${log}`);
  }

  constructor(dir, port) {
    this.dir = dir;
    this.port = port;
    this.base = `http://127.0.0.1:${port}`;
    this.output = '';
    this.exited = null;
  }

  // SIGTERM, then up to 10 s for the drain; returns how it exited ({code: 0} when clean — under
  // scripts/asan.sh that also means no leak and no sanitizer report at shutdown).
  async stop() {
    if (this.child && !this.exited) {
      this.child.kill('SIGTERM');
      for (let i = 0; i < 400 && !this.exited; ++i) await sleep(25);
      if (!this.exited) this.child.kill('SIGKILL');
      while (!this.exited) await sleep(25);
    }
    rmSync(this.dir, { recursive: true, force: true });
    return this.exited;
  }

  async post(path, body) {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    return response.status === 204 ? null : response.json().catch(() => null);
  }

  async get(path) {
    const response = await fetch(`${this.base}${path}`);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  }

  // A resident (or member) writes in a local group, as the local page does.
  say(group, sender, text) {
    this.said = (this.said ?? 0) + 1;
    return this.post(`/local/api/groups/${group}/messages`, { sender, text, client_msg_id: `console-${this.said}` });
  }

  advance(seconds) { return this.post('/local/api/clock', { advance_seconds: seconds }); }

  // Waits until a message in the group satisfies `pred` (the outbox sends shortly after a commit).
  async waitForMessage(group, pred, what) {
    for (let i = 0; i < 400 * patience; ++i) {
      const { messages } = await this.get(`/local/api/groups/${group}/messages`);
      if (messages.some(pred)) return;
      await sleep(25);
    }
    throw new Error(`no message in ${group}: ${what}`);
  }

  async waitUntilSent() {
    for (let i = 0; i < 400 * patience; ++i) {
      if ((await this.get('/healthz')).outbox_pending === 0) return;
      await sleep(25);
    }
  }
}
