// End-to-end tests run the production build (vite preview) against the project's own mock
// OpenAI server, both started here: the mock first (tests seed endpoints that point at it), then
// the built app. No test reaches the internet. Playwright's own Chromium is used when installed;
// machines that cannot download it use Debian's `chromium` package.
import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutablePath } from './scripts/chromium-path.ts';

export const MOCK_PORT = Number(process.env.MOCK_PORT ?? 8791);
export const APP_PORT = Number(process.env.APP_PORT ?? 4173);
// Parallel local runs build into their own folder (DIST_DIR) and use their own ports.
const DIST_DIR = process.env.DIST_DIR ?? 'dist';

const executablePath = chromiumExecutablePath();

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: process.env.CI ? 2 : 2,
	// One retry on CI, so a timing flake on a loaded 2-core machine does not hide the rest; a test
	// that needed it is listed by name as flaky above the total (scripts/run-tests.mjs).
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${APP_PORT}/`,
		trace: 'retain-on-failure',
		...devices['Desktop Chrome'],
		launchOptions: {
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: [
		{
			command: `npx tsx tools/mock-openai/main.ts`,
			env: { PORT: String(MOCK_PORT) },
			url: `http://127.0.0.1:${MOCK_PORT}/v1/models`,
			reuseExistingServer: !process.env.CI,
			stdout: 'ignore',
			stderr: 'pipe',
			timeout: 30_000
		},
		{
			command: `npx vite preview --outDir ${DIST_DIR} --port ${APP_PORT} --strictPort --host 127.0.0.1`,
			url: `http://127.0.0.1:${APP_PORT}/`,
			reuseExistingServer: !process.env.CI,
			stdout: 'ignore',
			stderr: 'pipe',
			timeout: 30_000
		}
	]
});
