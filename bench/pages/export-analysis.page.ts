// Runs in Chromium, the engine the app runs in: a Node figure misstates what a user waits for
// (Node 20's JSON is slower, its UTF-8 encoding far faster than making a Blob here). Export is
// timed twice: the app's own export job over a seeded IndexedDB (read, build, serialise, Blob,
// in its Web Workers: what the Data view's button does), and the codecs alone on records in memory, split into
// serialising and the Blob. Analysis is timed on records in memory, as the Results view runs
// it, with the JS heap growth it caused.
import { analyzeRecords } from '$lib/core/analysis/analyze';
import { ByteWriter } from '$lib/core/codecs/byte-writer';
import { csvColumns, writeCsvChunk } from '$lib/core/codecs/csv';
import { buildJudgmentRecord, type JudgmentRecord } from '$lib/core/codecs/judgment-record';
import { writeJudgmentLines } from '$lib/core/codecs/jsonl';
import { ArenaDB } from '$lib/db/arena-db';
import { decodeSegment, readSegments } from '$lib/db/repos/judgment-segments';
import { studyRecords } from '$lib/db/repos/transfer';
import { chunkBlob, type ExportKind } from '$lib/transfer/export';
import { ExportWorkers } from '$lib/transfer/export-in-worker';
import { syntheticWorld, worldContexts } from '../../tests/unit/core/analysis/synthetic';
import { seedWorld } from '../../tests/unit/transfer/seed';

const CHUNK = 2_000;

interface Figures {
	[key: string]: number;
}

interface Memory {
	usedJSHeapSize: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heap = () => (performance as unknown as { memory?: Memory }).memory?.usedJSHeapSize ?? 0;
const seconds = (since: number) => (performance.now() - since) / 1000;

function blobOf(parts: BlobPart[], type: string): Blob {
	const blob = new Blob(parts, { type });
	if (blob.size === 0) throw new Error('empty export');
	return blob;
}

/** What the export's read costs alone: every judgment segment, read and decoded, nothing else. */
async function idbFloor(db: ArenaDB, expected: number): Promise<number> {
	gc();
	const started = performance.now();
	const judgments = (await readSegments(db)).flatMap(decodeSegment);
	if (judgments.length !== expected) throw new Error(`read ${judgments.length} of ${expected}`);
	return seconds(started);
}

/** What the Results view reads before it analyses: every export record of the study. */
async function resultsRecords(db: ArenaDB, studyId: string, expected: number): Promise<number> {
	gc();
	const started = performance.now();
	const { records } = await studyRecords(db, studyId);
	if (records.length !== expected) throw new Error(`read ${records.length} of ${expected}`);
	return seconds(started);
}

/**
 * The codecs alone on records in memory, as the export job runs them: each chunk written into a
 * reused buffer and sealed in a Blob. Serialising alone is timed in a first pass that drops the
 * bytes; the second pass includes the Blobs.
 */
function codecExport(
	name: string,
	figures: Figures,
	records: readonly JudgmentRecord[],
	write: (writer: ByteWriter, chunk: JudgmentRecord[], first: boolean) => void
): void {
	const pass = (keep: boolean) => {
		gc();
		const started = performance.now();
		const writer = new ByteWriter();
		const parts: Blob[] = [];
		for (let start = 0; start < records.length; start += CHUNK) {
			write(writer, records.slice(start, start + CHUNK), start === 0);
			if (keep) parts.push(chunkBlob(writer.view()));
			writer.reset();
		}
		const blob = keep ? blobOf(parts, 'text/plain') : undefined;
		return { seconds: seconds(started), blob };
	};
	figures[`${name}_serialise_s`] = pass(false).seconds;
	const { seconds: total, blob } = pass(true);
	figures[`${name}_total_s`] = total;
	figures[`${name}_mb`] = (blob?.size ?? 0) / 1e6;
}

/** The longest main-thread task (Long Tasks API) while `work` runs. */
async function longestTask<T>(work: () => Promise<T>): Promise<{ value: T; longestMs: number }> {
	// Start in a task of its own: the forced GC before each run (the bench's, not the export's)
	// would otherwise be reported as this run's long task.
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

/**
 * The Data view's export: the job over the database in its Web Worker, booted while the view is
 * open as the Data view does, from the request to the finished file (one Blob, readable to its
 * last byte) back in the page; long tasks are the page's own.
 */
async function appExport(
	db: ArenaDB,
	kind: ExportKind,
	expected: number
): Promise<{ seconds: number; longestMs: number }> {
	const workers = new ExportWorkers(db.name);
	workers.warm();
	await workers.ready();
	const { value, longestMs } = await longestTask(async () => {
		const started = performance.now();
		const result = await workers.export({ kind, filter: {} });
		const file = blobOf(result.parts, result.type);
		// Until the last byte can be read: Chromium may still be moving the parts' bytes.
		await file.slice(file.size - 1).arrayBuffer();
		if (result.count !== expected) throw new Error(`exported ${result.count} of ${expected}`);
		return seconds(started);
	});
	workers.release();
	return { seconds: value, longestMs };
}

async function run(judgments: number, repeats: number): Promise<Figures> {
	const figures: Figures = {};
	const world = syntheticWorld({ judgments, items: 1_000, raters: 20, answerChars: 300 });

	let started = performance.now();
	const db = new ArenaDB(`bench-${Date.now()}`);
	await seedWorld(db, world, false);
	figures.seed_s = seconds(started);

	// Each export runs `repeats` times, the kinds taking turns; the figure is the median run (this
	// machine's speed drifts from one minute to the next), the slowest run is reported beside it.
	const times: Record<string, number[]> = { jsonl: [], csv: [] };
	for (let round = 0; round < repeats; round++) {
		for (const kind of ['jsonl', 'csv'] as const) {
			gc();
			const run = await appExport(db, kind, judgments);
			times[kind]?.push(run.seconds);
			figures.export_longest_task_ms = Math.max(figures.export_longest_task_ms ?? 0, run.longestMs);
		}
	}
	for (const [kind, runs] of Object.entries(times)) {
		const sorted = [...runs].sort((a, b) => a - b);
		figures[`export_${kind}_s`] = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
		figures[`export_${kind}_slowest_s`] = sorted.at(-1) ?? Number.NaN;
	}

	// After the exports: its single 100,000-row task must not count as theirs.
	figures.idb_floor_s = await idbFloor(db, judgments);
	figures.results_records_s = await resultsRecords(db, world.study.id, judgments);

	const contexts = [...worldContexts(world)];
	const columns = csvColumns(
		world.judgments.flatMap((judgment) => Object.keys(judgment.traitChoices))
	);
	gc();
	started = performance.now();
	const records = contexts.map(buildJudgmentRecord);
	figures.build_records_s = seconds(started);
	codecExport('jsonl', figures, records, (writer, chunk) => writeJudgmentLines(writer, chunk));
	codecExport('csv', figures, records, (writer, chunk, first) =>
		writeCsvChunk(writer, chunk, columns, first)
	);

	gc();
	const before = heap();
	started = performance.now();
	const analyses = analyzeRecords(records);
	figures.analysis_s = seconds(started);
	figures.analysis_heap_mb = Math.max(0, heap() - before) / 1024 / 1024;
	if (analyses[0]?.counts.judgments !== judgments) throw new Error('analysis lost judgments');

	db.close();
	await ArenaDB.delete(db.name);
	return figures;
}

(window as unknown as { runBench: typeof run }).runBench = run;
