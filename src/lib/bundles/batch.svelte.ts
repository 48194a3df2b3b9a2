// Large studies generate through the provider's Batch API: the app writes one JSONL input file per
// endpoint (a batch holds one model), the researcher submits it, and the output file comes back
// here. Each imported file is applied and saved in one transaction; lines that failed are listed
// by number and simply asked again by the next export, as are follow-up turns of multi-turn
// items (one batch round per turn, since a follow-up must follow the model's own answer).
import type { ArenaDB } from '$lib/db/arena-db';
import { describeStorageError, getDb } from '$lib/db/db';
import { loadBatchContext } from '$lib/db/repos/bundles';
import { batchInputFile, importBatchOutput, type BatchImportReport } from './batch-files';
import { downloadFile } from '$lib/app/download';

export type { BatchImportReport };

export class BatchFiles {
	reports = $state.raw<BatchImportReport[]>([]);
	busy = $state(false);
	error = $state('');

	readonly #studyId: string;
	readonly #db: () => ArenaDB;
	readonly #download: typeof downloadFile;

	constructor(
		studyId: string,
		options: { db?: () => ArenaDB; download?: typeof downloadFile } = {}
	) {
		this.#studyId = studyId;
		this.#db = options.db ?? getDb;
		this.#download = options.download ?? downloadFile;
	}

	async exportInput(endpointId: string): Promise<void> {
		try {
			const file = batchInputFile(await loadBatchContext(this.#db(), this.#studyId), endpointId);
			if (file.requests === 0) {
				this.error = 'Every item already has its full answer from this endpoint.';
				return;
			}
			this.error = '';
			this.#download(file.fileName, file.jsonl, 'application/jsonl');
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
		}
	}

	async importOutput(files: Iterable<File>): Promise<void> {
		this.busy = true;
		const reports: BatchImportReport[] = [];
		try {
			for (const file of files) {
				try {
					reports.push(
						await importBatchOutput(this.#db(), this.#studyId, file.name, await file.text())
					);
				} catch (error) {
					reports.push({
						file: file.name,
						saved: 0,
						issues: [],
						error: describeStorageError(error)
					});
				}
				this.reports = [...reports];
			}
		} finally {
			this.busy = false;
		}
	}
}
