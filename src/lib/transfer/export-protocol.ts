// Messages between the Data view's export job (page) and an export worker. One worker runs one
// export or one part of it. It may be started early, told only which database to open (so the
// page's Export button finds it booted and connected); then a request goes in, and progress,
// then the finished file (or part) or a failure, come back.
import type { ExportFilter } from '$lib/db/repos/transfer';
import type { ExportKind, ExportResult } from './export';

export interface ExportWorkerRequest {
	/** The database the page uses (its name), so both read the same data. */
	database: string;
	kind: ExportKind;
	filter: ExportFilter;
	studyName?: string;
	/**
	 * Set when several workers write this export (see ExportShare): part 0 gets a port to each
	 * other part, every other part a port to part 0.
	 */
	share?: { part: number; ports: MessagePort[] };
}

export type ExportWorkerMessage =
	/** Open this database now, before any export is asked for. */
	{ type: 'open'; database: string } | { type: 'export'; request: ExportWorkerRequest };

export type ExportWorkerReply =
	/** The database asked for by 'open' is open (or failed to open: the export will say how). */
	| { type: 'ready' }
	| { type: 'progress'; done: number; total: number }
	/** The file as one Blob (its parts are only referenced, not copied). */
	| { type: 'done'; result: ExportResult<Blob> }
	/** The error as thrown (the page words it, e.g. a full disk, as for any export). */
	| { type: 'failed'; name: string; message: string };
