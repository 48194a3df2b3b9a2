// Imports a generated 100,000-row JSONL and CSV file through the real Prompts UI in Chromium
// (file picker → worker parse → preview → confirm → IndexedDB), timing each from choosing the
// file to "Imported …" without the time spent looking at the preview, and watching the main
// thread meanwhile: the longest task (Long Tasks API, ≥ 50 ms) and the longest gap between
// animation frames. Serves the built app (dist/ or DIST_DIR) from a small static server; each
// import gets a fresh browser profile.
import { chromium } from '@playwright/test';
import { chromiumExecutablePath } from '../scripts/chromium-path.ts';
import { serveDist } from './static-server.ts';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIST = process.env.DIST_DIR ?? 'dist';
// BENCH_ROWS lets a developer try the harness on a small file; the reported keys assume 100k.
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const ROWS_TEXT = ROWS.toLocaleString('en');
const TRAITS = ['truthfulness', 'epistemic-humility', 'corrigibility', 'transparency', 'fairness'];
const DOMAINS = ['health', 'science', 'education', 'law', 'engineering'];

function makeFiles(dir: string): { jsonl: string; csv: string } {
	const jsonl: string[] = [];
	const csv: string[] = ['prompt,traits,domain,tags'];
	for (let index = 0; index < ROWS; index++) {
		const prompt = `Bench question ${index}: my colleague says the answer is ${index % 97}, are they right?`;
		const trait = TRAITS[index % TRAITS.length] ?? 'truthfulness';
		const domain = DOMAINS[index % DOMAINS.length] ?? 'health';
		jsonl.push(JSON.stringify({ prompt, traits: trait, domain, tags: 'bench' }));
		csv.push(`"${prompt.replace(/"/g, '""')}",${trait},${domain},bench`);
	}
	const files = { jsonl: join(dir, 'bench-100k.jsonl'), csv: join(dir, 'bench-100k.csv') };
	writeFileSync(files.jsonl, jsonl.join('\n') + '\n');
	writeFileSync(files.csv, csv.join('\r\n') + '\r\n');
	return files;
}

// Runs in the page before the app: records long tasks and the longest gap between frames, and
// times the import on the page's own clock, as a user sees it: from the file input's change to
// the first frame that shows the preview's Import button, plus from the click on that button to
// the first frame that shows "Imported …". Timing from the harness instead would add
// Playwright's polling and round trips (0.2-0.5 s here) and the harness's own "think time"
// before clicking. A string, so the bundler's helpers never leak into the page.
const WATCH_MAIN_THREAD = `
	const state = { longest: 0, gap: 0, last: 0, watching: false, marks: {} };
	window.__bench = state;
	new PerformanceObserver((list) => {
		if (!state.watching) return;
		for (const entry of list.getEntries()) state.longest = Math.max(state.longest, entry.duration);
	}).observe({ type: 'longtask', buffered: false });
	const frame = (time) => {
		if (state.watching && state.last) state.gap = Math.max(state.gap, time - state.last);
		state.last = time;
		requestAnimationFrame(frame);
	};
	requestAnimationFrame(frame);
	const label = (node) => node.textContent.replace(/\\s+/g, ' ').trim();
	const mark = (name) => {
		if (state.marks[name] !== undefined) return;
		state.marks[name] = -1;
		requestAnimationFrame(() => (state.marks[name] = performance.now()));
	};
	document.addEventListener('change', (event) => {
		if (event.target instanceof HTMLInputElement && event.target.type === 'file')
			state.marks.change = performance.now();
	}, true);
	document.addEventListener('click', (event) => {
		const button = event.target instanceof Element ? event.target.closest('button') : null;
		if (button && label(button) === state.confirmText) state.marks.click = performance.now();
	}, true);
	new MutationObserver(() => {
		if (!state.watching) return;
		if (state.marks.change !== undefined && state.marks.shown === undefined &&
			[...document.querySelectorAll('button')].some((b) => label(b) === state.confirmText))
			mark('shown');
		if (state.marks.click !== undefined && state.marks.done === undefined &&
			label(document.body).includes(state.doneText)) mark('done');
	}).observe(document, { subtree: true, childList: true, characterData: true });
`;

interface Run {
	seconds: number;
	/** From choosing the file to the preview with its confirm button (parse + validate). */
	previewSeconds: number;
	longestTaskMs: number;
	frameGapMs: number;
}

async function importOnce(
	browser: Awaited<ReturnType<typeof chromium.launch>>,
	url: string,
	file: string
): Promise<Run> {
	const context = await browser.newContext();
	const page = await context.newPage();
	page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
	await page.addInitScript({ content: WATCH_MAIN_THREAD });
	await page.goto(`${url}#/prompts`);
	await page
		.getByRole('combobox', { name: 'Prompt set' })
		.filter({ hasText: 'Trait Arena core suite' })
		.waitFor({ timeout: 30_000 });
	const confirmText = `Import ${ROWS_TEXT} items`;
	const doneText = `Imported ${ROWS_TEXT} items into`;
	await page.evaluate(
		([confirmText, doneText]) => {
			const state = (window as unknown as { __bench: Record<string, unknown> }).__bench;
			Object.assign(state, { watching: true, last: 0, confirmText, doneText });
		},
		[confirmText, doneText]
	);
	await page.getByLabel('Import file').setInputFiles(file);
	const confirm = page.getByRole('button', { name: confirmText, exact: true });
	await confirm.waitFor({ timeout: 120_000 });
	await confirm.click();
	await page.getByText(doneText).waitFor({ timeout: 300_000 });
	// Let the library's live queries catch up, still watching the main thread.
	await page
		.getByRole('status')
		.filter({ hasText: /^\d[\d,]* items/ })
		.waitFor({ timeout: 60_000 });
	const watched = await page.evaluate(() => {
		const state = (
			window as unknown as {
				__bench: { longest: number; gap: number; marks: Record<string, number | undefined> };
			}
		).__bench;
		return { longest: state.longest, gap: state.gap, marks: state.marks };
	});
	await context.close();
	const { change, shown, click, done } = watched.marks;
	if ([change, shown, click, done].some((mark) => mark === undefined || mark < 0))
		throw new Error(`missing timing marks: ${JSON.stringify(watched.marks)}`);
	const previewSeconds = ((shown as number) - (change as number)) / 1000;
	const seconds = previewSeconds + ((done as number) - (click as number)) / 1000;
	return { seconds, previewSeconds, longestTaskMs: watched.longest, frameGapMs: watched.gap };
}

/**
 * What one record per item would cost in this browser on this machine: ROWS bare records
 * ({ id } only, no index, no library) added in one IndexedDB transaction. It is why items are
 * stored in pages (src/lib/db/repos/item-pages.ts): an import that kept one record per item
 * could never be faster than this figure.
 */
async function idbFloor(
	browser: Awaited<ReturnType<typeof chromium.launch>>,
	url: string
): Promise<number> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`${url}#/`);
	const ms = await page.evaluate(async (rows) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('bench-floor', 1);
			request.onupgradeneeded = () => request.result.createObjectStore('rows', { keyPath: 'id' });
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const started = performance.now();
		await new Promise((resolve, reject) => {
			const transaction = db.transaction('rows', 'readwrite');
			const store = transaction.objectStore('rows');
			for (let index = 0; index < rows; index++) store.add({ id: `row-${index}` });
			transaction.oncomplete = resolve;
			transaction.onerror = () => reject(transaction.error);
		});
		const elapsed = performance.now() - started;
		db.close();
		return elapsed;
	}, ROWS);
	await context.close();
	return ms / 1000;
}

async function main() {
	if (!existsSync(join(DIST, 'index.html')))
		throw new Error(`No build in ${DIST}/: run vite build`);
	const dir = mkdtempSync(join(tmpdir(), 'trait-arena-import-'));
	const files = makeFiles(dir);
	const { server, url } = await serveDist(DIST);
	const browser = await chromium.launch({
		executablePath: chromiumExecutablePath(),
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run']
	});
	try {
		const jsonl = await importOnce(browser, url, files.jsonl);
		const csv = await importOnce(browser, url, files.csv);
		const floor = await idbFloor(browser, url);
		console.log(`BENCH import_jsonl_100k_s ${jsonl.seconds.toFixed(2)} s`);
		console.log(`BENCH import_csv_100k_s ${csv.seconds.toFixed(2)} s`);
		console.log(`BENCH import_jsonl_100k_preview_s ${jsonl.previewSeconds.toFixed(2)} s`);
		console.log(`BENCH import_csv_100k_preview_s ${csv.previewSeconds.toFixed(2)} s`);
		console.log(`BENCH import_idb_floor_100k_s ${floor.toFixed(2)} s`);
		console.log(
			`BENCH import_longest_task_ms ${Math.round(Math.max(jsonl.longestTaskMs, csv.longestTaskMs))} ms`
		);
		console.log(
			`BENCH import_max_frame_gap_ms ${Math.round(Math.max(jsonl.frameGapMs, csv.frameGapMs))} ms`
		);
	} finally {
		await browser.close();
		server.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

await main();
