// The Data view exports in a Web Worker, reached through Comlink. Here the worker's API runs
// in-process behind a stand-in Worker whose messages cross a real MessageChannel, as the
// browser's would: the file that comes back must be the very text the in-page export writes, with
// progress on the way, and a failure must reach the page as the error that was thrown.
import 'fake-indexeddb/auto';
import { expose } from 'comlink';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ArenaDB } from '$lib/db/arena-db';
import { runExport, type ExportProgress } from '$lib/transfer/export';
import { exportInWorker } from '$lib/transfer/export-in-worker';
import { exportWorkerApi, type ExportedFile } from '$lib/transfer/export-worker-api';
import { TransferJobs } from '$lib/transfer/transfer.svelte';
import { syntheticWorld } from '../core/analysis/synthetic';
import { seedWorld } from './seed';

/** A Worker whose other end is the export API, over a MessageChannel. */
class InProcessWorker extends EventTarget {
	static live = new Set<InProcessWorker>();
	readonly #port: MessagePort;

	constructor() {
		super();
		const { port1, port2 } = new MessageChannel();
		expose(exportWorkerApi, port2);
		this.#port = port1;
		port1.addEventListener('message', (event) =>
			this.dispatchEvent(new MessageEvent('message', { data: event.data }))
		);
		port1.start();
		InProcessWorker.live.add(this);
	}

	postMessage(message: unknown, transfer: Transferable[] = []) {
		this.#port.postMessage(message, transfer);
	}

	terminate() {
		this.#port.close();
		InProcessWorker.live.delete(this);
	}
}

/** A worker whose code fails to load, as a worker script can (a stale cache, say). */
class BrokenWorker extends EventTarget {
	static made: BrokenWorker[] = [];
	terminated = false;

	constructor() {
		super();
		BrokenWorker.made.push(this);
		queueMicrotask(() => {
			const event = new Event('error') as Event & { message: string };
			event.message = 'the worker script did not load';
			this.dispatchEvent(event);
		});
	}

	postMessage() {}

	terminate() {
		this.terminated = true;
	}
}

const DATABASE = 'export-worker-test';
let db: ArenaDB;

beforeAll(async () => {
	vi.stubGlobal('Worker', InProcessWorker);
	db = new ArenaDB(DATABASE);
	await seedWorld(db, syntheticWorld({ judgments: 40, items: 5 }));
});

afterAll(() => {
	db.close();
	vi.unstubAllGlobals();
});

const pagesText = async (kind: 'jsonl' | 'csv', filter = {}) =>
	(await runExport(db, { kind, filter, pause: () => Promise.resolve() })).parts.join('');

describe('exporting in a worker', () => {
	it('returns the same file as the export in the page, as one Blob, with progress', async () => {
		for (const kind of ['jsonl', 'csv'] as const) {
			const progress: ExportProgress[] = [];
			const filter = { raterId: 'rater-1' };
			const inWorker = await exportInWorker({ database: DATABASE, kind, filter }, (step) =>
				progress.push(step)
			);
			expect(await inWorker.file.text()).toBe(await pagesText(kind, filter));
			expect(inWorker.file.type).toBe(kind === 'csv' ? 'text/csv' : 'application/x-ndjson');
			expect(inWorker.count).toBeGreaterThan(0);
			expect(progress.at(-1)).toEqual({ done: inWorker.count, total: inWorker.count });
		}
		// Each export's worker is ended when its file is back.
		expect(InProcessWorker.live.size).toBe(0);
	});

	it('returns a Parquet export as the same bytes the page writes', async () => {
		const inWorker = await exportInWorker({ database: DATABASE, kind: 'parquet', filter: {} });
		const inPage = await runExport<BlobPart>(db, {
			kind: 'parquet',
			pause: () => Promise.resolve()
		});
		const bytes = new Uint8Array(await inWorker.file.arrayBuffer());
		expect(inWorker.file.type).toBe('application/vnd.apache.parquet');
		expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('PAR1');
		expect(bytes.length).toBe((inPage.parts[0] as Uint8Array).length);
		expect(inWorker.count).toBe(40);
	});

	it('is how the Data view exports the app’s database, and says what it wrote', async () => {
		const downloads: ExportedFile[] = [];
		const jobs = new TransferJobs({
			db: () => db,
			useWorker: true,
			download: (result) => downloads.push(result)
		});
		await jobs.export('csv', {});
		expect(jobs.message).toContain('Exported 40 judgments as CSV judgments');
		expect((await downloads[0]?.file.text())?.split('\r\n')).toHaveLength(42);
	});

	it('ends with a clear error when the worker’s code does not load', async () => {
		vi.stubGlobal('Worker', BrokenWorker);
		try {
			const failed = exportInWorker({ database: DATABASE, kind: 'jsonl', filter: {} });
			await expect(failed).rejects.toThrow(
				'The export worker stopped: the worker script did not load'
			);
			expect(BrokenWorker.made.at(-1)?.terminated).toBe(true);
		} finally {
			vi.stubGlobal('Worker', InProcessWorker);
		}
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
	});
});
