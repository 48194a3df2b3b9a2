// Messages between the Data view's export job (page) and the export worker. One worker runs one
// export: a request goes in; progress, then the finished file or a failure, come back.
import type { ExportFilter } from '$lib/db/repos/transfer';
import type { ExportKind, ExportResult } from './export';

export interface ExportWorkerRequest {
	/** The database the page uses (its name), so both read the same data. */
	database: string;
	kind: ExportKind;
	filter: ExportFilter;
	studyName?: string;
}

export type ExportWorkerReply =
	| { type: 'progress'; done: number; total: number }
	/** The file as one Blob (its parts are only referenced, not copied). */
	| { type: 'done'; result: ExportResult<Blob> }
	/** The error as thrown (the page words it, e.g. a full disk, as for any export). */
	| { type: 'failed'; name: string; message: string };
