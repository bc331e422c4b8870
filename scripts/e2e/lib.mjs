// Shared pieces of the e2e scripts: the offline Chromium launch and a throw-away code-server.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Headless Debian chromium as root, with nothing that would reach the network. */
export function launchChromium(chromium, profile, viewport) {
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    ...(viewport ? { viewport } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * code-server on 127.0.0.1 with its own user-data, extensions, XDG and TMP folders under `run`, in its
 * own process group (extension hosts outlive the browser, so stop() kills the whole group).
 */
export async function startCodeServer(prefix, run, ws) {
  const port = await freePort();
  const env = {
    ...process.env,
    TMPDIR: join(run, 'tmp'),
    XDG_CONFIG_HOME: join(run, 'xdg-config'),
    XDG_DATA_HOME: join(run, 'xdg-data'),
  };
  const cs = spawn(
    join(prefix, 'node_modules/.bin/code-server'),
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir',
      join(run, 'user-data'),
      '--extensions-dir',
      join(run, 'extensions'),
      ws,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  cs.stdout.on('data', (d) => (log += d));
  cs.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () => {
    try {
      process.kill(-cs.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  return { url, env, stop, log: () => log };
}

/** The folders code-server needs under `run`, and quiet, offline user settings. */
export function prepareRun(run, theme = 'Default Dark Modern') {
  for (const d of ['user-data/User', 'extensions', 'tmp']) mkdirSync(join(run, d), { recursive: true });
  writeFileSync(
    join(run, 'user-data/User/settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'workbench.tips.enabled': false,
      'json.schemaDownload.enable': false,
      'workbench.enableExperiments': false,
      'editor.hover.delay': 100,
      'workbench.colorTheme': theme,
      'window.restoreWindows': 'none',
      // code-server confirms files over 50 MB before any editor (ours too): the pick-timing model is 100 MB
      'workbench.editorLargeFileConfirmation': 1024,
    }),
  );
}
