import { test, expect } from './fixtures';

const AREAS = ['Arena', 'Studies', 'Prompts', 'Endpoints', 'Results', 'Data'];

test('every area opens from the navigation without a console error', async ({ page, problems }) => {
	await page.goto('./');
	const nav = page.getByRole('navigation', { name: 'Main' });
	for (const area of AREAS) {
		await nav.getByRole('link', { name: area, exact: true }).click();
		await expect(nav.getByRole('link', { name: area, exact: true })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
		await expect(page).toHaveURL(new RegExp(`#/${area.toLowerCase()}`));
	}
	expect(problems.errors).toEqual([]);
});

test('the built app sets a strict Content-Security-Policy', async ({ page }) => {
	await page.goto('./');
	const csp = await page
		.locator('meta[http-equiv="Content-Security-Policy"]')
		.getAttribute('content');
	expect(csp).toContain("script-src 'self'");
	expect(csp).toContain("object-src 'none'");
	expect(csp).not.toContain('unsafe-inline');
	expect(csp).toMatch(/img-src 'self' data: blob:(;|$)/);
});
