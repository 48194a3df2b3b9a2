// The importer's working state, shared by the Web Worker and the in-page fallback: it keeps the
// read table between "preview" and "confirm" so re-mapping columns never re-reads the file, and
// only a serialisable summary (preview rows, counts, first issues) ever crosses to the page.
// Nothing is written until `commit`, which writes everything in one transaction or nothing.
import {
	analyseTable,
	readTable,
	type ColumnMapping,
	type FormatId,
	type ImportAnalysis,
	type Table
} from '$lib/core/codecs/import';
import { DataError } from '$lib/core/errors';
import { nowIso } from '$lib/core/clock';
import { newId } from '$lib/core/ids';
import type { ArenaDB } from '$lib/db/arena-db';
import { knownContentHashes } from '$lib/db/repos/prompt-library';
import { addPromptSet } from '$lib/db/repos/prompts';

export type ImportStage = 'reading' | 'checking' | 'writing';

export interface ImportProgress {
	stage: ImportStage;
	done: number;
	total: number;
}

/** What the page sees of an analysis: everything but the items themselves (and the set, by name). */
export interface ImportPreview extends Omit<ImportAnalysis, 'set' | 'items'> {
	setName: string;
	license?: string;
}

export interface ImportOutcome {
	setId: string;
	setName: string;
	added: number;
	duplicates: number;
}

export interface RemapRequest {
	formatId?: FormatId;
	mapping?: ColumnMapping;
}

export interface CommitRequest {
	skipInvalid: boolean;
	setName?: string;
}

export interface FileLike {
	name: string;
	text(): Promise<string>;
}

export interface EngineDeps {
	db: () => ArenaDB;
	now?: () => string;
	newId?: () => string;
	/** Yields to the event loop between chunks (in-page use); not needed in a worker. */
	pause?: () => Promise<void>;
	onProgress?: (progress: ImportProgress) => void;
	signal?: AbortSignal;
}

export function toPreview(analysis: ImportAnalysis): ImportPreview {
	const { set, items: _items, ...rest } = analysis;
	return { ...rest, setName: set?.name ?? '', license: set?.license };
}

export class ImportEngine {
	#table: Table | undefined;
	#analysis: ImportAnalysis | undefined;
	#setId: string;

	constructor(private readonly deps: EngineDeps) {
		this.#setId = (deps.newId ?? newId)();
	}

	#progress(stage: ImportStage, done: number, total: number): void {
		this.deps.onProgress?.({ stage, done, total });
	}

	async #analyse(request: RemapRequest): Promise<ImportPreview> {
		const table = this.#table;
		if (!table) throw new Error('Choose a file first.');
		const db = this.deps.db();
		this.#analysis = await analyseTable(table, {
			setId: this.#setId,
			now: (this.deps.now ?? nowIso)(),
			formatId: request.formatId,
			mapping: request.mapping,
			pause: this.deps.pause,
			signal: this.deps.signal,
			onProgress: (done, total) => this.#progress('checking', done, total),
			knownHashes: (hashes) => knownContentHashes(db, hashes)
		});
		return toPreview(this.#analysis);
	}

	async load(file: FileLike, request: RemapRequest = {}): Promise<ImportPreview> {
		this.#progress('reading', 0, 1);
		const text = await file.text();
		await this.deps.pause?.();
		this.#table = readTable(file.name, text);
		this.#progress('reading', 1, 1);
		await this.deps.pause?.();
		return this.#analyse(request);
	}

	remap(request: RemapRequest): Promise<ImportPreview> {
		return this.#analyse(request);
	}

	/** Writes the previewed items in one transaction; refuses while anything is unresolved. */
	async commit(request: CommitRequest): Promise<ImportOutcome> {
		const analysis = this.#analysis;
		if (!analysis || !analysis.set) throw new Error('There is nothing to import yet.');
		if (analysis.fatal || analysis.needsMapping)
			throw new DataError(analysis.issues, analysis.issueTotal);
		if (analysis.counts.invalid > 0 && !request.skipInvalid)
			throw new Error(
				`${analysis.counts.invalid} row${analysis.counts.invalid === 1 ? ' is' : 's are'} invalid: fix the file, or choose to skip invalid rows.`
			);
		if (analysis.items.length === 0)
			throw new Error('Nothing to import: no valid rows that are not already in the library.');
		const name = request.setName?.trim();
		const set = name ? { ...analysis.set, name: name.slice(0, 200) } : analysis.set;
		this.#progress('writing', 0, analysis.items.length);
		const result = await addPromptSet(this.deps.db(), set, analysis.items, {
			signal: this.deps.signal,
			onProgress: (done, total) => this.#progress('writing', done, total)
		});
		return { setId: set.id, setName: set.name, ...result };
	}
}
