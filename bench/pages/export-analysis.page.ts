// Runs in Chromium, the engine the app runs in, on the app's real modules. It seeds the app's own
// database (same origin as the built app, which the bench opens next for the Results and judging
// figures), then times: reading every judgment through the createdAt index (the floor an export
// is measured against), the Data view's export in its Web Worker from the request to a readable
// file (with the page's longest task meanwhile), and the analysis on records in memory.
import { analyzeRecords } from '$lib/core/analysis/analyze';
import { buildJudgmentRecord } from '$lib/core/codecs/judgment-record';
import { ArenaDB } from '$lib/db/arena-db';
import { forEachJudgmentPage } from '$lib/db/repos/judgment-reads';
import type { ExportKind } from '$lib/transfer/export';
import { exportInWorker } from '$lib/transfer/export-in-worker';
import {
	syntheticWorld,
	worldContexts,
	type World
} from '../../tests/unit/core/analysis/synthetic';
import { seedWorld } from '../../tests/unit/transfer/seed';

type Figures = Record<string, number>;

interface Memory {
	usedJSHeapSize: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heap = () => (performance as unknown as { memory?: Memory }).memory?.usedJSHeapSize ?? 0;
const seconds = (since: number) => (performance.now() - since) / 1000;
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

let world: World | undefined;

/** The synthetic study in the app's database, judged by nobody as `bench-rater`. */
async function seed(judgments: number): Promise<Figures> {
	const started = performance.now();
	world = syntheticWorld({ judgments, items: 1_000, answerChars: 300 });
	// Overall verdicts only, so the judging bench commits with two keys.
	world.study.rubric = { ...world.study.rubric, traitQuestions: 'none' };
	const db = new ArenaDB();
	await ArenaDB.delete(db.name);
	await seedWorld(db, world, false);
	await db.settings.put({ key: 'arena:rater-id', value: 'bench-rater' });
	db.close();
	return { seed_s: seconds(started) };
}

/** Every judgment, read as an export reads them: pages of the createdAt index. */
async function readFloor(db: ArenaDB, expected: number): Promise<number> {
	gc();
	const started = performance.now();
	let count = 0;
	await forEachJudgmentPage(db, {}, (page) => void (count += page.length));
	if (count !== expected) throw new Error(`read ${count} of ${expected}`);
	return seconds(started);
}

/** The longest main-thread task (Long Tasks API) while `work` runs. */
async function longestTask<T>(work: () => Promise<T>): Promise<{ value: T; longestMs: number }> {
	// Start in a task of its own: the bench's forced GC would otherwise count as this run's task.
	await new Promise((resolve) => setTimeout(resolve, 0));
	let longestMs = 0;
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) longestMs = Math.max(longestMs, entry.duration);
	});
	observer.observe({ type: 'longtask' });
	const value = await work();
	// Entries are delivered asynchronously: let the last ones arrive.
	await new Promise((resolve) => setTimeout(resolve, 50));
	observer.disconnect();
	return { value, longestMs };
}

/** The Data view's export: its worker, from the request to the file readable to its last byte. */
async function appExport(db: ArenaDB, kind: ExportKind, expected: number) {
	return longestTask(async () => {
		const started = performance.now();
		const { file, count } = await exportInWorker({ database: db.name, kind, filter: {} });
		await file.slice(file.size - 1).arrayBuffer();
		if (count !== expected) throw new Error(`exported ${count} of ${expected}`);
		return seconds(started);
	});
}

async function run(judgments: number, repeats: number): Promise<Figures> {
	if (!world) throw new Error('seed first');
	const figures: Figures = {};
	const db = new ArenaDB();
	// Rounds take turns (this machine's speed drifts from minute to minute): a floor read, then
	// each export; every ratio compares medians of the same rounds.
	const times: Record<string, number[]> = { floor: [], jsonl: [], csv: [], parquet: [] };
	let longest = 0;
	for (let round = 0; round < repeats; round++) {
		times.floor?.push(await readFloor(db, judgments));
		for (const kind of ['jsonl', 'csv', 'parquet'] as const) {
			gc();
			const { value, longestMs } = await appExport(db, kind, judgments);
			times[kind]?.push(value);
			longest = Math.max(longest, longestMs);
		}
	}
	const floor = median(times.floor ?? []);
	figures.export_idb_floor_s = floor;
	figures.export_longest_task_ms = longest;
	for (const kind of ['jsonl', 'csv', 'parquet']) {
		figures[`export_${kind}_s`] = median(times[kind] ?? []);
		figures[`export_${kind}_floor_ratio`] = median(times[kind] ?? []) / floor;
	}
	figures.export_parquet_jsonl_ratio =
		(figures.export_parquet_s ?? Number.NaN) / (figures.export_jsonl_s ?? Number.NaN);
	db.close();

	const records = [...worldContexts(world)].map(buildJudgmentRecord);
	gc();
	const before = heap();
	const started = performance.now();
	const analyses = analyzeRecords(records);
	figures.analysis_s = seconds(started);
	figures.analysis_heap_mb = Math.max(0, heap() - before) / 1024 / 1024;
	if (analyses[0]?.counts.judgments !== judgments) throw new Error('analysis lost judgments');
	return figures;
}

Object.assign(window, { seedBench: seed, runBench: run });
