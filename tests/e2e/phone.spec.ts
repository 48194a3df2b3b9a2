// On a phone (390 px wide) no area scrolls sideways: fields shrink to fit and wide tables scroll
// inside their own box.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function pageWidth(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth);
}

test('every area fits a 390 px wide phone screen', async ({ page, problems: _problems }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('./');
	await page.getByRole('button', { name: 'Try the demo study' }).click();
	await expect(page.getByRole('heading', { name: 'Trial 1 of 12' })).toBeVisible();
	expect(await pageWidth(page)).toBeLessThanOrEqual(390);
	await page.getByRole('radio', { name: 'Left better', exact: true }).check();
	for (const group of await page
		.getByRole('group', { name: /which response shows it better\?$/ })
		.all()) {
		await group.getByRole('radio', { name: 'Tie', exact: true }).check();
	}
	await page.getByRole('button', { name: /^Submit/ }).click();
	await expect(page.getByRole('heading', { name: 'Revealed' })).toBeVisible();

	const areas: [string, RegExp][] = [
		['./#/studies', /^Studies$/],
		['./#/studies/live', /^Live arena$/],
		['./#/studies/new', /^New study$/],
		['./#/prompts', /^Prompts/],
		['./#/endpoints', /^Endpoints$/],
		['./#/results', /^Results$/],
		['./#/data', /^Data$/],
		['./#/bundle', /^Study bundles$/]
	];
	for (const [url, heading] of areas) {
		await page.goto(url);
		await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
		if (url.endsWith('results')) {
			await expect(page.getByRole('table').first()).toBeVisible();
		}
		expect(await pageWidth(page), url).toBeLessThanOrEqual(390);
	}
});
