// The key promise: an API key is sent only to its own endpoint, in the Authorization header, and
// appears nowhere else — not in any export, message, attribute, console line, URL, web storage or
// (unless the user asked to remember it) the database. A recognisable key is planted, every path
// that could carry it is exercised, and everything the browser produced is searched for it.
import { gunzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import type { Page, Request } from '@playwright/test';
import { test, expect } from './fixtures';
import {
	addEndpoint,
	allowNetworkErrors,
	createStudy,
	fillEndpoint,
	importPrompts
} from './endpoint-helpers';

const CANARY = 'sk-LEAKCANARY-7f3a9c2e5b1d4086aa';

async function pageTexts(page: Page): Promise<string> {
	return page.evaluate(
		() =>
			`${document.title}\n${document.documentElement.outerHTML}\n${document.body.innerText}\n${location.href}`
	);
}

async function storageDump(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const parts = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
		for (const info of await indexedDB.databases()) {
			if (!info.name) continue;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(info.name as string);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			for (const store of Array.from(db.objectStoreNames)) {
				const rows = await new Promise<unknown[]>((resolve, reject) => {
					const request = db.transaction(store).objectStore(store).getAll();
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				});
				parts.push(`${info.name}/${store}: ${JSON.stringify(rows)}`);
			}
			db.close();
		}
		return parts.join('\n');
	});
}

/** Clicks every enabled "Export…" button in the main area and returns the downloaded files. */
async function exportEverything(page: Page): Promise<{ name: string; text: string }[]> {
	const files: { name: string; text: string }[] = [];
	const buttons = page.getByRole('main').getByRole('button', { name: /^Export/ });
	for (let index = 0; index < (await buttons.count()); index++) {
		const button = buttons.nth(index);
		if (!(await button.isEnabled())) continue;
		const download = page.waitForEvent('download', { timeout: 20_000 });
		await button.click();
		const file = await download;
		const bytes = await readFile(await file.path());
		const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
		files.push({
			name: file.suggestedFilename(),
			text: (gzip ? gunzipSync(bytes) : bytes).toString('utf8')
		});
	}
	return files;
}

test('a planted key appears only in the Authorization header of requests to its own endpoint', async ({
	page,
	mockUrl,
	problems
}) => {
	test.setTimeout(180_000);
	const requests: Request[] = [];
	page.context().on('request', (request) => requests.push(request));
	const ownOrigin = new URL(mockUrl).origin;
	// The other endpoint is the same mock under another origin, so "its own endpoint" is checkable.
	const otherURL = mockUrl.replace('127.0.0.1', 'localhost');

	await importPrompts(page, 'Leak check');
	await addEndpoint(page, {
		label: 'Other endpoint',
		role: 'baseline',
		baseURL: otherURL,
		model: 'mock-baseline',
		key: 'sk-other-endpoint-0123456789'
	});

	await fillEndpoint(page, {
		label: 'Canary endpoint',
		role: 'trained',
		baseURL: mockUrl,
		model: 'mock-trained',
		key: CANARY
	});
	await page.getByRole('button', { name: 'Test connection' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	// A server that echoes the key in its error (OpenAI does, partly masked): the message must not.
	await page.route(`${mockUrl}/models`, async (route) => {
		const auth = (await route.request().allHeaders()).authorization ?? '';
		await route.fulfill({
			status: 401,
			headers: { 'access-control-allow-origin': '*', 'content-type': 'application/json' },
			body: JSON.stringify({
				error: { message: `Incorrect API key provided: ${auth.replace('Bearer ', '')}.` }
			})
		});
	});
	await page.getByRole('button', { name: 'Test connection' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'rejected the API key' })).toBeVisible();
	const echoed = await pageTexts(page);
	await page.unroute(`${mockUrl}/models`);
	await page.getByRole('button', { name: 'Save endpoint' }).click();
	await expect(page.getByRole('article', { name: 'Canary endpoint' })).toBeVisible();
	const endpointsPage = await pageTexts(page);

	await createStudy(page, 'Leak study', ['Other endpoint', 'Canary endpoint'], 'Leak check');
	// Batch API inputs exist only while responses are missing: export them before generating,
	// and wait for each panel to settle so no button is clicked as it turns off.
	const batchTable = page.getByRole('table', { name: 'Batch requests per endpoint' });
	const pendingCells = batchTable.getByRole('cell', { name: /^\d+ requests$/ });
	await expect(pendingCells.filter({ hasText: /^[1-9]/ })).toHaveCount(2);
	const batchFiles = await exportEverything(page);
	const panel = page.getByRole('region', { name: 'Responses' });
	await panel.getByRole('button', { name: 'Generate responses' }).click();
	await expect(panel.getByRole('status')).toContainText('40 of 40 done', { timeout: 90_000 });
	await expect(pendingCells.filter({ hasText: /^0 requests$/ })).toHaveCount(2);
	await expect(page.getByText('20 of 20 trials have both answers')).toBeVisible();
	const studyPage = await pageTexts(page);
	const studyFiles = await exportEverything(page);

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data' }).click();
	await expect(page.getByRole('heading', { name: 'Data', level: 1 })).toBeVisible();
	const dataFiles = await exportEverything(page);
	const dataPage = await pageTexts(page);

	// Exports were really produced (bundle, batch inputs, JSONL, CSV, battles, backup).
	const files = [...batchFiles, ...studyFiles, ...dataFiles];
	expect(batchFiles.map((file) => file.name)).toHaveLength(2);
	expect(files.length).toBeGreaterThanOrEqual(7);
	for (const file of files) expect(file.text, `export ${file.name}`).not.toContain(CANARY);
	for (const [where, text] of Object.entries({ echoed, endpointsPage, studyPage, dataPage })) {
		expect(text, `page text and attributes (${where})`).not.toContain(CANARY);
	}
	expect(problems.console.join('\n'), 'console output').not.toContain(CANARY);
	expect(await storageDump(page), 'web storage and IndexedDB').not.toContain(CANARY);

	let sentWithKey = 0;
	for (const request of requests) {
		expect(request.url(), 'request URL').not.toContain(CANARY);
		expect(request.postData() ?? '', `body of ${request.url()}`).not.toContain(CANARY);
		const headers = await request.allHeaders();
		for (const [name, value] of Object.entries(headers)) {
			if (!value.includes(CANARY)) continue;
			expect(new URL(request.url()).origin, 'key sent to another origin').toBe(ownOrigin);
			expect(name, 'header carrying the key').toBe('authorization');
			expect(value).toBe(`Bearer ${CANARY}`);
			sentWithKey++;
		}
	}
	// 20 items, a few with follow-up turns, plus the connection tests: the key did go out.
	expect(sentWithKey).toBeGreaterThanOrEqual(21);
	allowNetworkErrors(problems);
});
