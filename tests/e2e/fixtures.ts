// Shared e2e fixtures: every test gets a page whose console errors and uncaught exceptions fail
// the test (a broken view must not pass silently), and the mock server's base URL.
import { test as base, expect, type Page } from '@playwright/test';

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
	mockUrl: async ({ request }, use) => {
		await request.post(`${MOCK_URL.replace(/\/v1$/, '')}/__control/reset`);
		await use(MOCK_URL);
	}
});

export { expect };
