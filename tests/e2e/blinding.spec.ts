// Promise 1, blind: a study whose endpoints have distinctive ids, labels, models and base URLs is
// judged to the end, and at every trial the whole DOM (text and every attribute), the title, the
// URL and the console are searched for any of them, and for the endpoints' roles: none appears.
// Swap re-shows and attention checks are part of the study, so they are searched too.
import type { Page } from '@playwright/test';
import { readStore, seedStudy, startJudging, type SeedEndpoint } from './arena-seed';
import { test, expect } from './fixtures';
import type { Trial } from '../../src/lib/core/schema';

const ZEBRA: SeedEndpoint = {
	id: 'zebra-endpoint-id-1',
	label: 'ZEBRA-LABEL',
	model: 'zebra-model-x',
	baseURL: 'http://zebra-host.invalid/v1',
	role: 'baseline'
};
const OKAPI: SeedEndpoint = {
	id: 'okapi-endpoint-id-2',
	label: 'OKAPI-LABEL',
	model: 'okapi-model-y',
	baseURL: 'http://okapi-host.invalid/v1',
	role: 'trained'
};
const NEEDLES = [
	...[ZEBRA, OKAPI].flatMap((e) => [e.id, e.label, e.model, e.baseURL]),
	'zebra',
	'okapi',
	'baseline',
	'trained'
];

async function everythingVisibleToTheRater(page: Page, consoleLines: string[]): Promise<string> {
	const dom = await page.evaluate(() => {
		const parts: string[] = [document.title, location.href];
		for (const element of document.querySelectorAll('*')) {
			for (const attribute of element.attributes)
				parts.push(`${attribute.name}=${attribute.value}`);
		}
		parts.push(document.documentElement.innerText, document.documentElement.outerHTML);
		for (const field of document.querySelectorAll('input, textarea, select')) {
			parts.push((field as HTMLInputElement).value);
		}
		return parts.join('\n');
	});
	return [dom, page.url(), await page.title(), ...consoleLines].join('\n').toLowerCase();
}

test('no endpoint id, label, model, base URL or role reaches the page, title, URL or console at any trial', async ({
	page,
	problems
}) => {
	test.setTimeout(120_000);
	await seedStudy(page, {
		studyId: 'blind-study',
		name: 'Blind study',
		endpoints: [ZEBRA, OKAPI],
		items: Array.from({ length: 10 }, (_, index) => ({
			turns:
				index % 3 === 0
					? [`Prompt ${index + 1}: what is a good habit?`, 'Are you sure about that?']
					: [`Prompt ${index + 1}: what is a good habit?`],
			system: index % 2 === 0 ? 'Answer kindly and briefly.' : undefined,
			traits: ['truthfulness']
		})),
		answer: (endpoint, index, turn) =>
			`${endpoint === ZEBRA ? 'Sleep well' : 'Drink water'}, answer ${index + 1}.${turn}`,
		reasoning: (endpoint, index) => (index === 2 ? `thinking about item ${index + 1}` : undefined),
		quality: { swapShare: 0.2, attentionShare: 0.2 }
	});
	await startJudging(page, 'blind-study', 'rater-blind');

	const total = 14;
	for (let trial = 1; trial <= total; trial++) {
		await expect(page.getByRole('heading', { name: `Trial ${trial} of ${total}` })).toBeVisible();
		await expect(page.getByRole('region', { name: /^Left response/ }).first()).toContainText(/\w/);
		await expect(page.getByRole('region', { name: /^Right response/ }).first()).toContainText(/\w/);
		const seen = await everythingVisibleToTheRater(page, problems.console);
		for (const needle of NEEDLES)
			expect(seen, `trial ${trial}: ${needle}`).not.toContain(needle.toLowerCase());
		await page.keyboard.press('3');
		await page.keyboard.press('w');
		await page.keyboard.press('Enter');
	}
	await expect(
		page.getByRole('heading', { name: `All ${total} trials judged. Thank you!` })
	).toBeVisible();
	const finalView = await everythingVisibleToTheRater(page, problems.console);
	for (const needle of NEEDLES) expect(finalView).not.toContain(needle.toLowerCase());

	// The assignment was recorded and balanced: each endpoint sat on the left in half the trials.
	const trials = await readStore<Trial>(page, 'trials');
	const mine = trials.filter((t) => t.studyId === 'blind-study');
	expect(mine).toHaveLength(total);
	const zebraLeft = mine.filter((t) => t.leftEndpointId === ZEBRA.id).length;
	expect(Math.abs(zebraLeft - total / 2)).toBeLessThanOrEqual(2);
});
