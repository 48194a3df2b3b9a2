// Export jobs as plain async functions over the database, so they run the same in the export
// worker (where the Data view runs them: export.worker.ts), in the page and in unit tests. Work
// is cut into chunks (2,000 judgments by default) with a yield to the event loop between them,
// so that even in the page the progress bar keeps moving while 100,000 judgments export.
// The result is a list of parts for one Blob; no part ever holds the whole file. Each chunk is
// written as UTF-8 into one reused buffer (byte-writer.ts) and, in the page, copied into a Blob
// at once (`chunkBlob`): one Blob made from hundreds of MB of strings at the end is a single
// multi-second task that freezes the page, and Blobs of bytes cost a tenth of Blobs of strings.
// The final Blob of Blobs only references the chunks.
import { nowIso, systemClock, type Clock } from '$lib/core/clock';
import { backupHeaderLine, backupLine } from '$lib/core/codecs/backup';
import { ByteWriter, fromUtf8 } from '$lib/core/codecs/byte-writer';
import { csvColumns, traitsOf, writeCsvChunk } from '$lib/core/codecs/csv';
import { BattlesWriter } from '$lib/core/codecs/fastchat';
import { TRANSFER_TABLES } from '$lib/core/codecs/import-plan';
import { writeJudgmentLines } from '$lib/core/codecs/jsonl';
import { APP_VERSION } from '$lib/app/version';
import { fileSlug } from '$lib/core/file-name';
import type { ArenaDB } from '$lib/db/arena-db';
import type { Judgment } from '$lib/core/schema';
import {
	exportPages,
	loadRecords,
	tableChunks,
	tableCounts,
	type ExportFilter
} from '$lib/db/repos/transfer';

export type ExportKind = 'jsonl' | 'csv' | 'backup' | 'battles';

export interface ExportProgress {
	done: number;
	total: number;
}

export interface ExportOptions {
	kind: ExportKind;
	filter?: ExportFilter;
	/** Names the file: the selected study's name and rater. */
	studyName?: string;
	chunkSize?: number;
	app?: string;
	clock?: Clock;
	onProgress?: (progress: ExportProgress) => void;
	/** Between chunks; default: a macrotask, so the page can paint. */
	pause?: () => Promise<void>;
	signal?: AbortSignal;
}

export interface SealedExportOptions<Part extends BlobPart> extends ExportOptions {
	/**
	 * What each chunk's UTF-8 bytes are kept as, e.g. `chunkBlob`; otherwise their text. The bytes
	 * are a view of a buffer the next chunk reuses: copy them.
	 */
	seal: (bytes: Uint8Array) => Part;
}

/** Seals a chunk into a Blob at once (see above); the Blob copies the bytes. */
export function chunkBlob(bytes: Uint8Array): Blob {
	return new Blob([bytes as Uint8Array<ArrayBuffer>]);
}

export interface ExportResult<Part extends BlobPart = string> {
	parts: Part[];
	name: string;
	type: string;
	/** Rows written (judgments, battles' source judgments, or backup rows). */
	count: number;
	/** Judgments left out because their trial, item, study or responses are missing. */
	incomplete: number;
}

const MIME: Record<ExportKind, string> = {
	jsonl: 'application/x-ndjson',
	csv: 'text/csv',
	backup: 'application/x-ndjson',
	battles: 'application/json'
};

const EXTENSION: Record<ExportKind, string> = {
	jsonl: 'judgments.jsonl',
	csv: 'judgments.csv',
	backup: 'backup.jsonl',
	battles: 'battles.json'
};

/** e.g. `trait-arena_pilot_rater-ada_2026-11-23.judgments.jsonl`. */
export function exportFileName(
	kind: ExportKind,
	date: string,
	filter: ExportFilter = {},
	studyName?: string
): string {
	const parts = ['trait-arena'];
	if (kind !== 'backup') {
		parts.push(filter.studyId ? fileSlug(studyName ?? filter.studyId, 'study', 48) : 'all-studies');
		if (filter.raterId) parts.push(fileSlug(filter.raterId, 'study', 48));
	}
	parts.push(date.slice(0, 10));
	return `${parts.join('_')}.${EXTENSION[kind]}`;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function runExport(db: ArenaDB, options: ExportOptions): Promise<ExportResult>;
export function runExport<Part extends BlobPart>(
	db: ArenaDB,
	options: SealedExportOptions<Part>
): Promise<ExportResult<Part>>;
export async function runExport(
	db: ArenaDB,
	options: ExportOptions & { seal?: (bytes: Uint8Array) => BlobPart }
): Promise<ExportResult<BlobPart>> {
	const { kind, filter = {}, chunkSize = 2000, app = APP_VERSION, clock = systemClock } = options;
	const pause = options.pause ?? macrotask;
	const seal = options.seal ?? fromUtf8;
	const exportedAt = nowIso(clock);
	const result: ExportResult<BlobPart> = {
		parts: [],
		name: exportFileName(kind, exportedAt, filter, options.studyName),
		type: MIME[kind],
		count: 0,
		incomplete: 0
	};
	// Each chunk is written into one reused buffer and sealed (see byte-writer.ts).
	const writer = new ByteWriter();
	const sealChunk = () => {
		if (writer.length > 0) result.parts.push(seal(writer.view()));
		writer.reset();
	};
	const emit = (text: string) => {
		writer.text(text);
		sealChunk();
	};
	const step = async (done: number, total: number) => {
		options.onProgress?.({ done, total });
		options.signal?.throwIfAborted();
		await pause();
	};

	if (kind === 'backup') {
		const counts = await tableCounts(db);
		const total = TRANSFER_TABLES.reduce((sum, table) => sum + counts[table], 0);
		emit(backupHeaderLine(app, exportedAt, counts));
		await step(0, total);
		for (const table of TRANSFER_TABLES) {
			for await (const rows of tableChunks(db, table, chunkSize)) {
				emit(rows.map((row) => backupLine(table, row)).join(''));
				result.count += rows.length;
				await step(result.count, total);
			}
		}
		return result;
	}

	const { total, pages, cache } = await exportPages(db, filter, chunkSize);
	const battles = new BattlesWriter();
	if (kind === 'battles') emit(battles.begin());
	await step(0, total);
	let columns = csvColumns([]);
	let done = 0;
	const writeChunk = async (chunk: Judgment[]) => {
		const { records, incomplete } = await loadRecords(db, chunk, cache);
		result.incomplete += incomplete.length;
		result.count += records.length;
		if (kind === 'jsonl') writeJudgmentLines(writer, records);
		else if (kind === 'csv') writeCsvChunk(writer, records, columns, false);
		else writer.text(battles.write(records));
		done += chunk.length;
		sealChunk();
		await step(done, Math.max(total, done));
	};

	// Each page is written while the next one is read. CSV needs every trait's columns in its
	// header and in every row: the first page's traits are taken to be all of them (usually so:
	// raters answer one rubric throughout), and the header goes in front at the end. Should a
	// later page answer another trait, the export reads the rest and writes every row again with
	// all the traits: at worst twice the writing, never a wrong row.
	const kept: Judgment[] = [];
	let traits: Set<string> | undefined;
	let rewrite = false;
	for await (const page of pages) {
		if (page.length === 0) continue;
		if (kind === 'csv') {
			for (const judgment of page) kept.push(judgment);
			if (rewrite) continue;
			if (!traits) {
				traits = new Set(traitsOf(page));
				columns = csvColumns(traits);
			} else if (traitsOf(page).some((trait) => !traits?.has(trait))) {
				rewrite = true;
				continue;
			}
		}
		await writeChunk(page);
	}
	if (rewrite) {
		result.parts.length = 0;
		result.count = result.incomplete = done = 0;
		columns = csvColumns(traitsOf(kept));
		for (let start = 0; start < kept.length; start += chunkSize)
			await writeChunk(kept.slice(start, start + chunkSize));
	}
	if (kind === 'csv') {
		writeCsvChunk(writer, [], columns, true);
		result.parts.unshift(seal(writer.view()));
		writer.reset();
	}
	if (kind === 'battles') emit(battles.end());
	return result;
}
