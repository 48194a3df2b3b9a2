// Shared e2e fixtures: every test gets a page whose console errors and uncaught exceptions fail
// the test (a broken view must not pass silently), and the mock server's base URL.
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export const MOCK_URL = `http://127.0.0.1:${process.env.MOCK_PORT ?? 8791}/v1`;

export interface PageProblems {
	errors: string[];
	console: string[];
}

export function watchPage(page: Page): PageProblems {
	const problems: PageProblems = { errors: [], console: [] };
	page.on('pageerror', (error) => problems.errors.push(`${error.name}: ${error.message}`));
	page.on('console', (message) => {
		problems.console.push(message.text());
		if (message.type() === 'error') problems.errors.push(`console.error: ${message.text()}`);
	});
	return problems;
}

export const test = base.extend<{ problems: PageProblems; mockUrl: string }>({
	problems: async ({ page }, use) => {
		const problems = watchPage(page);
		await use(problems);
		expect(problems.errors, 'console errors or uncaught exceptions').toEqual([]);
	},
	// No reset of the mock's once-faults here: tests run in parallel against one mock server, and
	// a reset from one test would re-arm the faults another test is absorbing. A test that relies on
	// once-faults resets them itself (see resetMockFaults).
	mockUrl: [MOCK_URL, { option: true }]
});

/** Re-arms the mock server's once-faults (`@429once`, `@droponce`…) for a test that counts them. */
export async function resetMockFaults(request: APIRequestContext): Promise<void> {
	await request.post(`${MOCK_URL.replace(/\/v1$/, '')}/__control/reset`);
}

export { expect };
