// The Data area's two jobs as one state object: an export (chunked, with progress, ending in a
// download) and an import (validate everything, then merge in one transaction, ending in a merge
// report). One job at a time, so a rater cannot start a second export over the first; each job
// reports through public runes the view reads, and nothing here touches the DOM except the
// final download link.
import { downloadFile } from '$lib/app/download';
import { DataError, formatIssue } from '$lib/core/errors';
import { describeStorageError, getDb } from '$lib/db/db';
import type { ArenaDB } from '$lib/db/arena-db';
import { filterOf, type ExportRequest } from './filter';
import { runExport, utf8Blob, type ExportKind, type ExportProgress } from './export';
import { exportInWorker } from './export-in-worker';
import type { ExportedFile } from './export-worker-api';
import { fileText, importChunks, type ImportReport } from './import';

export type { ExportRequest };

export const EXPORT_LABELS: Record<ExportKind, string> = {
	jsonl: 'JSONL judgments',
	csv: 'CSV judgments',
	parquet: 'Parquet judgments',
	hub: 'Hugging Face dataset folder',
	backup: 'full backup',
	battles: 'FastChat battles'
};

export class TransferJobs {
	/** What runs now: an export kind, 'import', or undefined when idle. */
	running = $state<ExportKind | 'import' | undefined>(undefined);
	/** Which panel the message, error and issues belong to. */
	lastJob = $state<'export' | 'import' | undefined>(undefined);
	done = $state(0);
	total = $state(0);
	/** The last finished export or import, in words. */
	message = $state('');
	error = $state('');
	/** Up to 50 located problems of a refused import. */
	issues = $state.raw<string[]>([]);
	report = $state.raw<ImportReport | undefined>(undefined);

	readonly #db: () => ArenaDB;
	readonly #download: (result: ExportedFile) => void;
	readonly #useWorker: boolean;

	constructor(
		options: {
			db?: () => ArenaDB;
			download?: (result: ExportedFile) => void;
			/** Export in a Web Worker (the default where there is one and the app's database). */
			useWorker?: boolean;
		} = {}
	) {
		this.#db = options.db ?? getDb;
		this.#download =
			options.download ?? ((result) => downloadFile(result.name, result.file, result.file.type));
		this.#useWorker = options.useWorker ?? (!options.db && typeof Worker !== 'undefined');
	}

	get busy(): boolean {
		return this.running !== undefined;
	}

	#start(job: ExportKind | 'import'): void {
		this.running = job;
		this.lastJob = job === 'import' ? 'import' : 'export';
		this.done = 0;
		this.total = 0;
		this.message = '';
		this.error = '';
		this.issues = [];
	}

	async export(kind: ExportKind, request: ExportRequest = {}): Promise<void> {
		if (this.busy) return;
		this.#start(kind);
		const filter = kind === 'backup' ? {} : filterOf(request);
		const onProgress = ({ done, total }: ExportProgress) => {
			this.done = done;
			this.total = total;
		};
		try {
			const { studyName } = request;
			const result = this.#useWorker
				? await exportInWorker({ database: this.#db().name, kind, filter, studyName }, onProgress)
				: await this.#exportInPage(kind, filter, studyName, onProgress);
			this.#download(result);
			const skipped = result.incomplete
				? ` ${result.incomplete} judgments were left out: their trial or responses are gone.`
				: '';
			const unit = kind === 'backup' ? 'rows' : 'judgments';
			this.message = `Exported ${result.count} ${unit} as ${EXPORT_LABELS[kind]} to ${result.name}.${skipped}`;
		} catch (error) {
			this.error = `The export failed: ${describeStorageError(error)}`;
		} finally {
			this.running = undefined;
		}
	}

	async #exportInPage(
		kind: ExportKind,
		filter: ReturnType<typeof filterOf>,
		studyName: string | undefined,
		onProgress: (progress: ExportProgress) => void
	): Promise<ExportedFile> {
		const asBytes = (bytes: Uint8Array<ArrayBuffer>) => new Blob([bytes]);
		const options = { kind, filter, studyName, asPart: utf8Blob, asBytes, onProgress };
		const { parts, type, ...result } = await runExport(this.#db(), options);
		return { ...result, file: new Blob(parts, { type }) };
	}

	async import(file: File): Promise<void> {
		if (this.busy) return;
		this.#start('import');
		this.report = undefined;
		this.total = file.size;
		try {
			const report = await importChunks(this.#db(), fileText(file, file.name), file.name, {
				onProgress: (read) => (this.done = read)
			});
			this.report = report;
			const added = report.tables.reduce((sum, table) => sum + table.new, 0);
			const conflicts = report.tables.reduce((sum, table) => sum + table.conflict, 0);
			this.message = `Imported ${file.name}: ${report.rows} ${report.kind === 'backup' ? 'rows' : 'judgments'} read, ${added} new records, ${conflicts} conflicts.`;
		} catch (error) {
			if (error instanceof DataError) {
				this.error = `Nothing was imported: ${file.name} has ${error.total} problem${error.total === 1 ? '' : 's'}.`;
				this.issues = error.issues.map(formatIssue);
			} else this.error = `Nothing was imported: ${describeStorageError(error)}`;
		} finally {
			this.running = undefined;
		}
	}
}
