// The Data view exports in a Web Worker. Here the worker module runs in-process behind a stand-in
// Worker that passes messages both ways as the browser would (asynchronously, one reply at a
// time): the file that comes back must be the very bytes the in-page export writes, with
// progress on the way, and a failure must reach the page as the error that was thrown.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ArenaDB } from '$lib/db/arena-db';
import { runExport, type ExportProgress, type ExportResult } from '$lib/transfer/export';
import { ExportWorkers, exportInWorker } from '$lib/transfer/export-in-worker';
import type { ExportWorkerMessage, ExportWorkerReply } from '$lib/transfer/export-protocol';
import { TransferJobs } from '$lib/transfer/transfer.svelte';
import { syntheticWorld } from '../core/analysis/synthetic';
import { seedWorld } from './seed';
import { SEGMENT_SIZE } from '$lib/db/repos/judgment-segments';
import type { Judgment } from '$lib/core/schema';

interface Scope {
	onmessage: ((event: { data: ExportWorkerMessage }) => void) | null;
	postMessage: (message: ExportWorkerReply) => void;
}

// Each stand-in worker loads its own instance of the worker module, against its own `self`; the
// loads take turns, since the module reads `self` as it starts.
let loading = Promise.resolve();

class InProcessWorker {
	static started = 0;
	onmessage: ((event: { data: ExportWorkerReply }) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	terminated = false;
	readonly #scope: Scope;
	readonly #ready: Promise<void>;

	constructor() {
		InProcessWorker.started++;
		const scope: Scope = {
			onmessage: null,
			postMessage: (message) =>
				setTimeout(() => {
					if (!this.terminated) this.onmessage?.({ data: message });
				})
		};
		this.#scope = scope;
		this.#ready = loading = loading.then(async () => {
			vi.stubGlobal('self', scope);
			vi.resetModules();
			await import('$lib/transfer/export.worker');
		});
	}

	postMessage(message: ExportWorkerMessage) {
		// Ports pass as they are (the browser transfers them); the rest is copied.
		const share = message.type === 'export' ? message.request.share : undefined;
		const copy: ExportWorkerMessage = structuredClone(
			message.type === 'export'
				? { ...message, request: { ...message.request, share: undefined } }
				: message
		);
		if (copy.type === 'export' && share) copy.request.share = share;
		void this.#ready.then(() => setTimeout(() => this.#scope.onmessage?.({ data: copy })));
	}

	terminate() {
		this.terminated = true;
		InProcessWorker.live.delete(this);
	}

	/** Workers started and not terminated. */
	static live = new Set<InProcessWorker>();
}

// Registers every stand-in as live from its start (kept outside the class so the constructor
// stays as the browser's: it only starts the worker).
class CountedWorker extends InProcessWorker {
	constructor() {
		super();
		InProcessWorker.live.add(this);
	}
}

/** A worker whose code fails to load, as a worker script can (a stale cache, say). */
class BrokenWorker {
	static made: BrokenWorker[] = [];
	onmessage: ((event: { data: ExportWorkerReply }) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	terminated = false;

	constructor() {
		BrokenWorker.made.push(this);
		const event = { message: 'the worker script did not load', preventDefault: () => undefined };
		setTimeout(() => this.onerror?.(event as unknown as ErrorEvent));
	}

	postMessage() {}

	terminate() {
		this.terminated = true;
	}
}

const DATABASE = 'export-worker-test';
let db: ArenaDB;

beforeAll(async () => {
	vi.stubGlobal('Worker', CountedWorker);
	db = new ArenaDB(DATABASE);
	await seedWorld(db, syntheticWorld({ judgments: 40, items: 5, raters: 2 }));
});

afterAll(() => {
	db.close();
	vi.unstubAllGlobals();
});

const text = async (result: ExportResult<BlobPart>) => new Blob(result.parts).text();

describe('exporting in a worker', () => {
	it('returns the same file as the export in the page, as one Blob, with progress', async () => {
		for (const kind of ['jsonl', 'csv'] as const) {
			const progress: ExportProgress[] = [];
			const filter = { raterId: 'rater-1' };
			const inWorker = await exportInWorker({ database: DATABASE, kind, filter }, (step) =>
				progress.push(step)
			);
			const inPage = await runExport(db, { kind, filter, pause: () => Promise.resolve() });
			expect(inWorker.parts).toHaveLength(1);
			expect(await text(inWorker)).toBe(await text(inPage));
			expect(inWorker).toMatchObject({ name: inPage.name, count: inPage.count, type: inPage.type });
			expect(inPage.count).toBeGreaterThan(0);
			expect(progress.at(-1)).toEqual({ done: inPage.count, total: inPage.count });
		}
	});

	it('is how the Data view exports the app’s database, and says what it wrote', async () => {
		const downloads: ExportResult<Blob>[] = [];
		const started = InProcessWorker.started;
		const jobs = new TransferJobs({
			db: () => db,
			useWorker: true,
			download: (result) => downloads.push(result)
		});
		await jobs.export('csv', {});
		expect(InProcessWorker.started).toBeGreaterThan(started);
		expect(jobs.message).toContain('Exported 40 judgments as CSV judgments');
		expect((await text(downloads[0] as ExportResult<Blob>)).split('\r\n')).toHaveLength(42);
	});

	it('writes JSONL and CSV with two workers at once into the same bytes as one', async () => {
		// More than two segments, so each worker has a share; a trait only the last judgment
		// answers must still get its columns in the first worker's rows and header.
		const big = new ArenaDB('export-worker-shared');
		const world = syntheticWorld({ judgments: SEGMENT_SIZE * 2 + 50, items: 5, raters: 3 });
		await seedWorld(big, world);
		const last = world.judgments.at(-1) as Judgment;
		await big.judgments.update(last.id, { traitChoices: { ...last.traitChoices, late: 'left' } });
		for (const kind of ['jsonl', 'csv'] as const) {
			const request = { database: big.name, kind, filter: {} };
			const progress: ExportProgress[] = [];
			const shared = await exportInWorker(request, (step) => progress.push(step), 2);
			const alone = await exportInWorker(request, undefined, 1);
			const inPage = await runExport(big, { kind, pause: () => Promise.resolve() });
			expect(await text(shared)).toBe(await text(inPage));
			expect(await text(alone)).toBe(await text(inPage));
			expect(shared.count).toBe(world.judgments.length);
			expect(progress.at(-1)).toEqual({ done: shared.count, total: shared.count });
		}
		expect(
			await text(
				await exportInWorker({ database: big.name, kind: 'csv', filter: {} }, undefined, 2)
			)
		).toContain('trait_late');
		big.close();
	});

	it('uses a worker booted before the export, and boots the next one after it', async () => {
		const workers = new ExportWorkers(DATABASE);
		workers.warm();
		await workers.ready();
		const [spare] = [...InProcessWorker.live];
		expect(InProcessWorker.live.size).toBe(1);
		const started = InProcessWorker.started;
		const exported = workers.export({ kind: 'jsonl', filter: {} });
		// The export runs in the spare: no worker is started for it.
		expect(InProcessWorker.started).toBe(started);
		const inPage = await runExport(db, { kind: 'jsonl', pause: () => Promise.resolve() });
		expect(await text(await exported)).toBe(await text(inPage));
		// The spare is spent and ended; a fresh one waits for the next export.
		expect(spare?.terminated).toBe(true);
		expect(InProcessWorker.started).toBe(started + 1);
		expect(InProcessWorker.live.size).toBe(1);

		workers.release();
		expect(InProcessWorker.live.size).toBe(0);
		// Released, an export starts its own worker and leaves none behind.
		await workers.export({ kind: 'csv', filter: {} });
		expect(InProcessWorker.started).toBe(started + 2);
		expect(InProcessWorker.live.size).toBe(0);
	});

	it('replaces a spare that failed to start, so the export still succeeds', async () => {
		vi.stubGlobal('Worker', BrokenWorker);
		const workers = new ExportWorkers(DATABASE);
		workers.warm();
		await workers.ready();
		vi.stubGlobal('Worker', CountedWorker);
		const started = InProcessWorker.started;
		const result = await workers.export({ kind: 'jsonl', filter: { raterId: 'rater-1' } });
		expect(BrokenWorker.made.map((worker) => worker.terminated)).toEqual([true]);
		// One worker for the export, one spare for the next.
		expect(InProcessWorker.started).toBe(started + 2);
		const inPage = await runExport(db, {
			kind: 'jsonl',
			filter: { raterId: 'rater-1' },
			pause: () => Promise.resolve()
		});
		expect(await text(result)).toBe(await text(inPage));
		workers.release();
		expect(InProcessWorker.live.size).toBe(0);
	});

	it('keeps the Data view’s export workers booted while it is open', async () => {
		const jobs = new TransferJobs({ db: () => db, useWorker: true, download: () => undefined });
		jobs.warm();
		expect(InProcessWorker.live.size).toBe(1);
		const started = InProcessWorker.started;
		await jobs.export('jsonl', {});
		expect(jobs.message).toContain('Exported 40 judgments');
		expect(InProcessWorker.started).toBe(started + 1);
		expect(InProcessWorker.live.size).toBe(1);
		jobs.release();
		expect(InProcessWorker.live.size).toBe(0);
	});

	it('hands a failure back as the error the export threw', async () => {
		// A database from a newer version of the app cannot be opened by this one.
		await new Promise<void>((resolve, reject) => {
			const request = indexedDB.open('from-the-future', 999);
			request.onsuccess = () => {
				request.result.close();
				resolve();
			};
			request.onerror = () => reject(request.error);
		});
		const future = new ArenaDB('from-the-future');
		const thrown = await runExport(future, { kind: 'jsonl' }).then(
			() => undefined,
			(error: unknown) => error as Error
		);
		future.close();
		expect(thrown).toBeInstanceOf(Error);
		const failed = exportInWorker({ database: 'from-the-future', kind: 'jsonl', filter: {} });
		await expect(failed).rejects.toMatchObject({ name: thrown?.name, message: thrown?.message });

		const jobs = new TransferJobs({
			db: () => new ArenaDB('from-the-future'),
			useWorker: true,
			download: () => undefined
		});
		await jobs.export('jsonl', {});
		expect(jobs.error).toMatch(/^The export failed: Could not save to the browser database: /);
		expect(jobs.busy).toBe(false);
	});
});
