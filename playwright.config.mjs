// End-to-end tests against the release bundle in dist/ (built by scripts/build.sh).
// Uses the system Chromium: Playwright's own browser download fails on these machines.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.RS_E2E_PORT || 4173);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // No sandbox (root in a container); no background traffic to Google services.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // The same static server as scripts/serve.sh; it serves .wasm as application/wasm.
    command: `python3 -m http.server --bind 127.0.0.1 --directory dist ${port}`,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'ignore',
  },
});
