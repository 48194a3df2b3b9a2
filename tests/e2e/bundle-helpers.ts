// Steps shared by the study-bundle e2e tests: a rater judging through the Arena by reading the
// answers (the careful "trained" persona of the mock server is recognisable by its openers, as a
// human would recognise the better answer), and a dump of everything a rater's browser stores,
// for the search that proves no model identity reached it.
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Download, Page } from '@playwright/test';
import { expect } from './fixtures';

const TRAINED_OPENER = /my careful take on|Good question about|Let me think through/;

export type RaterChoice = 'trained' | 'tie';

/** Judges `count` trials; `choose(index)` says what this rater answers for the index-th one. */
export async function judgeTrials(
	page: Page,
	count: number,
	choose: (index: number) => RaterChoice = () => 'trained'
): Promise<void> {
	for (let index = 0; index < count; index++) {
		const heading = page.getByRole('heading', { name: /^Trial \d+ of \d+$/ });
		await expect(heading).toBeVisible();
		const [, shown = '0', total = '0'] =
			/Trial (\d+) of (\d+)/.exec((await heading.textContent()) ?? '') ?? [];
		const pane = (side: 'Left' | 'Right') =>
			page.getByRole('region', { name: new RegExp(`^${side} response(, turn 1)?$`) });
		// Answers render as Markdown once the renderer has loaded: wait until one side reads
		// like the careful model (exactly one does, in every trial).
		await expect
			.poll(async () =>
				[await pane('Left').innerText(), await pane('Right').innerText()].map((text) =>
					TRAINED_OPENER.test(text)
				)
			)
			.toContainEqual(true);
		const trainedLeft = TRAINED_OPENER.test(await pane('Left').innerText());
		expect(trainedLeft).not.toBe(TRAINED_OPENER.test(await pane('Right').innerText()));
		const choice = choose(index);
		const label = choice === 'tie' ? 'Tie' : trainedLeft ? 'Left better' : 'Right better';
		await page.getByRole('radio', { name: label, exact: true }).check();
		await page.getByRole('button', { name: /^Submit/ }).click();
		const next = Number(shown) + 1;
		await expect(
			next > Number(total)
				? page.getByRole('heading', { name: `All ${total} trials judged. Thank you!` })
				: page.getByRole('heading', { name: `Trial ${next} of ${total}` })
		).toBeVisible();
	}
}

/** Rater id first, then the study the bundle opened (preselected from the URL). */
export async function startJudging(page: Page, raterId: string): Promise<void> {
	await expect(page).toHaveURL(/#\/arena\/[^/?]+$/);
	await page.getByLabel('Your rater ID').fill(raterId);
	await page.getByRole('button', { name: 'Start judging' }).click();
}

/** Everything the page's origin stores: every IndexedDB store, local and session storage. */
export async function storageDump(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const parts: unknown[] = [localStorage, sessionStorage];
		for (const { name } of await indexedDB.databases()) {
			if (!name) continue;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			for (const store of Array.from(db.objectStoreNames)) {
				const rows = await new Promise<unknown[]>((resolve, reject) => {
					const request = db.transaction(store).objectStore(store).getAll();
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				});
				parts.push(name, store, rows);
			}
			db.close();
		}
		return JSON.stringify(parts);
	});
}

/** What a person or script could read off the page: markup (text and attributes), title, URL. */
export async function pageSurface(page: Page): Promise<string> {
	return page.evaluate(
		() => `${document.documentElement.outerHTML}\n${document.title}\n${location.href}`
	);
}

export function expectNoneOf(haystack: string, needles: readonly string[], where: string): void {
	const lower = haystack.toLowerCase();
	for (const needle of needles) {
		expect(lower.includes(needle.toLowerCase()), `${where} mentions “${needle}”`).toBe(false);
	}
}

export async function savedText(download: Download): Promise<string> {
	const path = await download.path();
	return readFileSync(path, 'utf8');
}

/** The bundle's JSON, and variants of the file: one byte changed, cut short, newer and older schema. */
export function bundleVariants(bytes: Buffer) {
	const text = gunzipSync(bytes).toString('utf8');
	const damaged = Buffer.from(bytes);
	const middle = Math.floor(damaged.length / 2);
	damaged[middle] = (damaged[middle] ?? 0) ^ 0x10;
	return {
		text,
		damaged,
		truncated: bytes.subarray(0, Math.floor(bytes.length * 0.6)),
		newer: gzipSync(Buffer.from(text.replace('"schema":2,', '"schema":3,'))),
		older: gzipSync(Buffer.from(text.replace('"schema":2,', '"schema":1,')))
	};
}
