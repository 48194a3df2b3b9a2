// What the export worker offers the page (through Comlink): one export over the database the
// page names, with progress, ending in the file as one Blob. Kept apart from the worker's entry
// so tests can call it over a MessageChannel.
import { throttleProgress } from '$lib/core/progress-throttle';
import { ArenaDB } from '$lib/db/arena-db';
import type { ExportFilter } from '$lib/db/repos/transfer';
import { runExport, utf8Blob, type ExportKind, type ExportProgress } from './export';

export interface ExportWorkerRequest {
	/** The database the page uses (its name), so both read the same data. */
	database: string;
	kind: ExportKind;
	filter: ExportFilter;
	studyName?: string;
}

export interface ExportedFile {
	file: Blob;
	name: string;
	count: number;
	incomplete: number;
}

export const exportWorkerApi = {
	async export(
		request: ExportWorkerRequest,
		onProgress: (progress: ExportProgress) => void
	): Promise<ExportedFile> {
		const db = new ArenaDB(request.database);
		try {
			const { parts, type, ...result } = await runExport(db, {
				kind: request.kind,
				filter: request.filter,
				studyName: request.studyName,
				asPart: utf8Blob,
				asBytes: (bytes) => new Blob([bytes]),
				// Nothing else runs in this worker: no need to give the event loop a turn.
				pause: () => Promise.resolve(),
				onProgress: throttleProgress(onProgress)
			});
			return { ...result, file: new Blob(parts, { type }) };
		} finally {
			db.close();
		}
	}
};

export type ExportWorkerApi = typeof exportWorkerApi;
