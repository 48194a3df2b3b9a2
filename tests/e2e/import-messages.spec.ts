// Incident: a 50 MB file of garbage and a cut-short gzip were both reported as "empty". Every
// place a file comes in — Data import, Open study bundle, Merge rater files — now says which of
// the three it is: not a Trait Arena file, incomplete, or empty.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const garbage = randomBytes(50 * 1024 * 1024);
const judgmentsLine = JSON.stringify({
	format: 'trait-arena/judgments',
	schema: 1,
	judgment_id: 'x'.repeat(2_000)
});
const cutGzip = gzipSync(Buffer.from(`${judgmentsLine}\n`.repeat(200))).subarray(0, 900);
const FILES = [
	{ name: 'noise.bin', buffer: garbage, says: /is not a Trait Arena/ },
	{ name: 'cut.jsonl.gz', buffer: cutGzip, says: /is incomplete/ },
	{ name: 'nothing.json', buffer: Buffer.alloc(0), says: /is empty/ }
];
const WRONG = [/is not a Trait Arena/, /is incomplete/, /is empty/];

async function expectOnly(where: Locator, says: RegExp) {
	await expect(where).toContainText(says);
	for (const other of WRONG.filter((pattern) => pattern.source !== says.source))
		await expect(where).not.toContainText(other);
}

/** Playwright hands over files of 50 MB and more only from disk. */
function onDisk(): string[] {
	return FILES.map((file) => {
		const path = test.info().outputPath(file.name);
		writeFileSync(path, file.buffer);
		return path;
	});
}

async function dataImport(page: Page, file: (typeof FILES)[number], path: string) {
	await page.goto('./#/data');
	await page.getByLabel('Import judgments or backup').setInputFiles(path);
	await expectOnly(page.getByRole('alert').filter({ hasText: file.name }), file.says);
}

test('each bad file is named for what it is: garbage, cut short or empty, wherever it comes in', async ({
	page
}) => {
	test.setTimeout(180_000);
	const paths = onDisk();
	for (const [index, file] of FILES.entries()) await dataImport(page, file, paths[index] ?? '');

	await page.goto('./#/bundle');
	for (const [index, file] of FILES.entries()) {
		await page.getByLabel('Open study bundle').setInputFiles(paths[index] ?? '');
		await expectOnly(page.getByRole('alert').filter({ hasText: file.name }), file.says);
	}

	await page.goto('./#/data');
	await page.getByLabel('Merge rater files').setInputFiles(paths);
	const report = page.getByRole('table', { name: 'Merge report' });
	for (const file of FILES)
		await expectOnly(report.getByRole('row').filter({ hasText: file.name }), file.says);
});
