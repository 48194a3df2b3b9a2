// Export jobs as plain async functions over the database, so they run the same in the export
// worker (where the Data view runs them: export.worker.ts), in the page and in unit tests. Work
// is cut into chunks (2,000 judgments by default) with a yield to the event loop between them,
// so that even in the page the progress bar keeps moving while 100,000 judgments export.
// The result is a list of parts for one Blob; no part ever holds the whole file. Chunks are
// written as UTF-8 into one reused buffer (byte-writer.ts), which is copied into a Blob
// (`chunkBlob`) each time it holds SEAL_BYTES: one Blob made from hundreds of MB of strings at
// the end is a single multi-second task, Blobs of bytes cost a tenth of Blobs of strings, and in
// Chromium a Blob of 32 MB costs half as much per byte as one of 8 MB or less (measured in a
// worker: 380 MB sealed in 0.35 s against 0.7 s). The final Blob of Blobs only references them.
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
import {
	exportCache,
	loadRecords,
	tableChunks,
	tableCounts,
	type ExportFilter
} from '$lib/db/repos/transfer';
import {
	readExportSource,
	selectedJudgments,
	type ExportSource
} from '$lib/db/repos/export-selection';

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
	/** Bytes written before they are sealed into a part (default SEAL_BYTES). */
	sealBytes?: number;
	/** Between chunks; default: a macrotask, so the page can paint. */
	pause?: () => Promise<void>;
	signal?: AbortSignal;
	/** This export writes one part of a JSONL or CSV file that several workers write at once. */
	share?: ExportShare;
}

/**
 * How the parts of a shared export agree: part 0 reads the source and hands every other part
 * its share; all parts then write their rows, and CSV parts first agree on the trait columns.
 * The file is the parts in order (part 0 carries the CSV header).
 */
export interface ExportShare {
	part: number;
	/** This part's share, given how to read the whole (which only part 0 does). */
	source(readWhole: () => Promise<ExportSource>): Promise<ExportSource>;
	/** Every part's traits together, given this part's. */
	traits(mine: string[]): Promise<string[]>;
}

/** Kinds whose file is the concatenation of its parts' rows (a battles file is one JSON array). */
export function shareable(kind: ExportKind): boolean {
	return kind === 'jsonl' || kind === 'csv';
}

export interface SealedExportOptions<Part extends BlobPart> extends ExportOptions {
	/**
	 * What each chunk's UTF-8 bytes are kept as, e.g. `chunkBlob`; otherwise their text. The bytes
	 * are a view of a buffer the next chunk reuses: copy them.
	 */
	seal: (bytes: Uint8Array) => Part;
}

export const SEAL_BYTES = 32 << 20;

/** Seals written bytes into a Blob (see above); the Blob copies them. */
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
	const sealBytes = options.sealBytes ?? SEAL_BYTES;
	const pause = options.pause ?? macrotask;
	const sealPart = options.seal ?? fromUtf8;
	const exportedAt = nowIso(clock);
	const result: ExportResult<BlobPart> = {
		parts: [],
		name: exportFileName(kind, exportedAt, filter, options.studyName),
		type: MIME[kind],
		count: 0,
		incomplete: 0
	};
	// Chunks are written into one reused buffer, sealed once it holds sealBytes (see above). The
	// buffer starts big enough for a part and the chunk that fills it, so it never grows (each
	// growth copies it and touches fresh memory); pages it never writes cost nothing.
	const writer = new ByteWriter(2 * Math.min(sealBytes, SEAL_BYTES));
	const seal = () => {
		if (writer.length > 0) result.parts.push(sealPart(writer.view()));
		writer.reset();
	};
	const sealWhenFull = () => {
		if (writer.length >= sealBytes) seal();
	};
	const step = async (done: number, total: number) => {
		options.onProgress?.({ done, total });
		options.signal?.throwIfAborted();
		await pause();
	};

	if (kind === 'backup') {
		const counts = await tableCounts(db);
		const total = TRANSFER_TABLES.reduce((sum, table) => sum + counts[table], 0);
		writer.text(backupHeaderLine(app, exportedAt, counts));
		await step(0, total);
		for (const table of TRANSFER_TABLES) {
			for await (const rows of tableChunks(db, table, chunkSize)) {
				writer.text(rows.map((row) => backupLine(table, row)).join(''));
				sealWhenFull();
				result.count += rows.length;
				await step(result.count, total);
			}
		}
		seal();
		return result;
	}

	const whole = () => readExportSource(db, filter);
	const share = shareable(kind) ? options.share : undefined;
	const judgments = selectedJudgments(await (share ? share.source(whole) : whole()), filter);
	const cache = await exportCache(db, judgments);
	const total = judgments.length;
	const battles = new BattlesWriter();
	if (kind === 'battles') writer.text(battles.begin());
	await step(0, total);
	// Every trait answered gets its CSV columns, in every part of a shared export.
	let columns = csvColumns([]);
	if (kind === 'csv') {
		const traits = traitsOf(judgments);
		columns = csvColumns(share ? await share.traits(traits) : traits);
	}
	for (let start = 0; start < total; start += chunkSize) {
		const chunk = judgments.slice(start, start + chunkSize);
		const { records, incomplete } = await loadRecords(db, chunk, cache);
		result.incomplete += incomplete.length;
		result.count += records.length;
		if (kind === 'jsonl') writeJudgmentLines(writer, records);
		else if (kind === 'csv') writeCsvChunk(writer, records, columns, false);
		else writer.text(battles.write(records));
		sealWhenFull();
		await step(start + chunk.length, total);
	}
	if (kind === 'battles') writer.text(battles.end());
	seal();
	if (kind === 'csv' && (share?.part ?? 0) === 0) {
		writeCsvChunk(writer, [], columns, true);
		result.parts.unshift(sealPart(writer.view()));
		writer.reset();
	}
	return result;
}
