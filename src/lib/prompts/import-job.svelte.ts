// One import from file to library, as the Prompts area shows it: open a file → preview (or map
// columns first) → confirm → done, with progress throughout and cancel at any point. The heavy
// work runs in a Web Worker where there is one (the page stays responsive with 100,000 rows);
// elsewhere (tests, old browsers) the same engine runs in the page, yielding between chunks.
// Cancelling ends the worker, which aborts any open transaction: nothing half-written remains.
import { DATASET_FORMATS, type ColumnMapping, type FormatId } from '$lib/core/codecs/import';
import { getDb } from '$lib/db/db';
import type { ArenaDB } from '$lib/db/arena-db';
import {
	ImportEngine,
	type CommitRequest,
	type ImportOutcome,
	type ImportPreview,
	type ImportProgress,
	type RemapRequest
} from './import-engine';
import { describeImportError } from './import-errors';
import type { WorkerReply, WorkerRequest } from './import-protocol';

/** Formats a user can choose to read a file as, when detection guessed wrong. */
export const FORMAT_CHOICES: readonly { id: FormatId; label: string }[] = [
	...DATASET_FORMATS.map((format) => ({ id: format.id, label: format.label })),
	{ id: 'generic', label: 'Other CSV / JSON (map the columns)' }
];

export type ImportPhase = 'idle' | 'loading' | 'ready' | 'writing' | 'done' | 'failed';

interface Backend {
	/** Where progress goes; set by the job for the run that uses the backend. */
	onProgress: (progress: ImportProgress) => void;
	load(file: File, request: RemapRequest): Promise<ImportPreview>;
	remap(request: RemapRequest): Promise<ImportPreview>;
	commit(request: CommitRequest): Promise<ImportOutcome>;
	dispose(): void;
}

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };
type Request = WorkerRequest extends infer R
	? R extends { id: number }
		? Omit<R, 'id'>
		: never
	: never;

class WorkerBackend implements Backend {
	#worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
	#pending = new Map<number, Pending>();
	#next = 0;
	onProgress: (progress: ImportProgress) => void = () => undefined;

	constructor() {
		this.#worker.onmessage = (event: MessageEvent<WorkerReply>) => {
			const reply = event.data;
			if (reply.type === 'progress') return this.onProgress(reply.progress);
			const pending = this.#pending.get(reply.id);
			this.#pending.delete(reply.id);
			pending?.resolve(reply);
		};
		this.#worker.onerror = (event) => {
			event.preventDefault();
			this.#failAll(new Error(`The import worker stopped: ${event.message || 'unknown error'}`));
		};
	}

	#failAll(error: Error) {
		for (const pending of this.#pending.values()) pending.reject(error);
		this.#pending.clear();
	}

	#send(request: Request): Promise<WorkerReply> {
		const id = ++this.#next;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			this.#worker.postMessage({ ...request, id } as WorkerRequest);
		});
	}

	async #preview(request: Request): Promise<ImportPreview> {
		const reply = await this.#send(request);
		if (reply.type === 'preview') return reply.preview;
		throw new Error(reply.type === 'failed' ? reply.message : 'Unexpected reply from the worker.');
	}

	load(file: File, request: RemapRequest) {
		return this.#preview({ type: 'load', file, request });
	}

	remap(request: RemapRequest) {
		return this.#preview({ type: 'remap', request });
	}

	async commit(request: CommitRequest): Promise<ImportOutcome> {
		const reply = await this.#send({ type: 'commit', request });
		if (reply.type === 'committed') return reply.outcome;
		throw new Error(reply.type === 'failed' ? reply.message : 'Unexpected reply from the worker.');
	}

	dispose() {
		this.#worker.terminate();
		this.#failAll(new Error('Import cancelled.'));
	}
}

class InlineBackend implements Backend {
	#abort = new AbortController();
	#engine: ImportEngine;
	onProgress: (progress: ImportProgress) => void = () => undefined;

	constructor(db: () => ArenaDB) {
		this.#engine = new ImportEngine({
			db,
			onProgress: (progress) => this.onProgress(progress),
			signal: this.#abort.signal,
			pause: () => new Promise((resolve) => setTimeout(resolve, 0))
		});
	}

	load(file: File, request: RemapRequest) {
		return this.#engine.load(file, request);
	}
	remap(request: RemapRequest) {
		return this.#engine.remap(request);
	}
	commit(request: CommitRequest) {
		return this.#engine.commit(request);
	}
	dispose() {
		this.#abort.abort(new Error('Import cancelled.'));
	}
}

export interface ImportJobOptions {
	db?: () => ArenaDB;
	/** Force the in-page engine (tests); by default a worker is used when the platform has one. */
	useWorker?: boolean;
}

export class ImportJob {
	phase = $state<ImportPhase>('idle');
	fileName = $state('');
	progress = $state.raw<ImportProgress | undefined>(undefined);
	preview = $state.raw<ImportPreview | undefined>(undefined);
	outcome = $state.raw<ImportOutcome | undefined>(undefined);
	error = $state<string | undefined>(undefined);
	/** Shown after cancel, so the user knows nothing was written. */
	message = $state<string | undefined>(undefined);
	skipInvalid = $state(false);
	setName = $state('');

	readonly canImport = $derived.by(() => {
		const preview = this.preview;
		if (this.phase !== 'ready' || !preview || preview.fatal || preview.needsMapping) return false;
		if (preview.counts.invalid > 0 && !this.skipInvalid) return false;
		return preview.counts.valid > 0;
	});

	#backend: Backend | undefined;
	/** A worker started before any file is chosen (see `warm`). */
	#spare: Backend | undefined;
	#keepWarm = false;
	#run = 0;
	readonly #db: () => ArenaDB;
	readonly #useWorker: boolean;

	constructor(options: ImportJobOptions = {}) {
		this.#db = options.db ?? getDb;
		this.#useWorker = options.useWorker ?? typeof Worker !== 'undefined';
	}

	#createBackend(): Backend {
		return this.#useWorker ? new WorkerBackend() : new InlineBackend(this.#db);
	}

	/**
	 * Starts the import worker now, while the user is still choosing a file: booting it (loading
	 * its code, opening the database) costs a few hundred milliseconds that opening a file would
	 * otherwise wait for. The view calls it when it shows the import form; `release` undoes it.
	 */
	warm(): void {
		this.#keepWarm = true;
		if (this.#useWorker && !this.#spare) this.#spare = this.#createBackend();
	}

	#newBackend(): Backend {
		this.#backend?.dispose();
		const run = this.#run;
		const backend = this.#spare ?? this.#createBackend();
		this.#spare = undefined;
		backend.onProgress = (progress) => {
			if (run === this.#run) this.progress = progress;
		};
		this.#backend = backend;
		return backend;
	}

	/** Runs one step; its result is dropped if the user cancelled or chose another file meanwhile. */
	async #step<T>(
		phase: ImportPhase,
		work: (backend: Backend) => Promise<T>
	): Promise<T | undefined> {
		const backend = this.#backend;
		if (!backend) return undefined;
		const run = this.#run;
		this.phase = phase;
		this.error = undefined;
		try {
			const result = await work(backend);
			return run === this.#run ? result : undefined;
		} catch (error) {
			if (run === this.#run) {
				this.error = describeImportError(error);
				// A failed write leaves the preview in place (the database is unchanged).
				this.phase = phase === 'writing' && this.preview ? 'ready' : 'failed';
			}
			return undefined;
		}
	}

	async open(file: File): Promise<void> {
		this.#run++;
		this.#reset();
		this.fileName = file.name;
		this.#newBackend();
		this.#show(await this.#step('loading', (backend) => backend.load(file, {})));
	}

	/** Reads the same file with another column mapping (generic CSV/JSON). */
	async applyMapping(mapping: ColumnMapping): Promise<void> {
		this.#show(await this.#step('loading', (backend) => backend.remap({ mapping })));
	}

	/** Reads the same file as another known format, or as a generic file. */
	async chooseFormat(formatId: FormatId): Promise<void> {
		this.#show(await this.#step('loading', (backend) => backend.remap({ formatId })));
	}

	#show(preview: ImportPreview | undefined) {
		if (!preview) return;
		this.preview = preview;
		this.setName ||= preview.setName;
		this.progress = undefined;
		this.phase = 'ready';
	}

	async confirm(): Promise<void> {
		if (!this.canImport) return;
		const outcome = await this.#step('writing', (backend) =>
			backend.commit({ skipInvalid: this.skipInvalid, setName: this.setName })
		);
		if (!outcome) return;
		this.outcome = outcome;
		this.progress = undefined;
		this.phase = 'done';
		this.#backend?.dispose();
		this.#backend = undefined;
		if (this.#keepWarm) this.warm();
	}

	/** Stops whatever is running; an unfinished write is rolled back. */
	cancel(): void {
		const writing = this.phase === 'writing';
		this.#run++;
		this.#backend?.dispose();
		this.#backend = undefined;
		this.#reset();
		this.message = writing
			? 'Import cancelled before it finished: nothing was written.'
			: 'Import cancelled: nothing was written.';
		if (this.#keepWarm) this.warm();
	}

	/**
	 * The view is going away: drop a preview (and the worker holding the file), but let a write
	 * that has started finish, so leaving the page never half-cancels an import.
	 */
	release(): void {
		this.#keepWarm = false;
		this.#spare?.dispose();
		this.#spare = undefined;
		if (this.phase !== 'writing') this.reset();
	}

	/** Back to an empty form after a finished import. */
	reset(): void {
		this.#run++;
		this.#backend?.dispose();
		this.#backend = undefined;
		this.#reset();
		if (this.#keepWarm) this.warm();
	}

	#reset() {
		this.phase = 'idle';
		this.fileName = '';
		this.preview = undefined;
		this.outcome = undefined;
		this.progress = undefined;
		this.error = undefined;
		this.message = undefined;
		this.skipInvalid = false;
		this.setName = '';
	}
}
