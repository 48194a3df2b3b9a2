// Export jobs as plain async functions over the database, so they run the same in the export
// worker (where the Data view runs them: export.worker.ts), in the page and in unit tests. Work
// is cut into chunks (2,000 judgments by default) with a pause between them, so that even in the
// page the progress bar keeps moving. Chunks are written as text and gathered into parts of about
// PART_CHARS; each part's text is handed to `asPart` once (the app keeps it as a Blob of UTF-8
// bytes, which Chromium builds far faster than a Blob of strings: docs/decisions.md). No part ever
// holds the whole file.
import { nowIso, systemClock, type Clock } from '$lib/core/clock';
import { backupHeaderLine, backupLine } from '$lib/core/codecs/backup';
import { csvChunk, csvColumns, traitsOf } from '$lib/core/codecs/csv';
import { BattlesWriter } from '$lib/core/codecs/fastchat';
import { TRANSFER_TABLES } from '$lib/core/codecs/import-plan';
import { judgmentLines } from '$lib/core/codecs/jsonl';
import { HubSummary, hubDatasetCard } from '$lib/core/codecs/hub-card';
import { ParquetColumns } from '$lib/core/codecs/parquet';
import { APP_VERSION } from '$lib/app/version';
import { fileSlug } from '$lib/core/file-name';
import type { ArenaDB } from '$lib/db/arena-db';
import { readJudgments } from '$lib/db/repos/judgment-reads';
import {
	exportCache,
	loadRecords,
	tableChunks,
	tableCounts,
	type ExportFilter
} from '$lib/db/repos/transfer';

export type ExportKind = 'jsonl' | 'csv' | 'parquet' | 'hub' | 'backup' | 'battles';

export interface ExportProgress {
	done: number;
	total: number;
}

export interface ExportOptions<Part extends BlobPart = string> {
	kind: ExportKind;
	filter?: ExportFilter;
	/** Names the file: the selected study's name and rater. */
	studyName?: string;
	chunkSize?: number;
	app?: string;
	clock?: Clock;
	onProgress?: (progress: ExportProgress) => void;
	/** Characters gathered before they become one part (default PART_CHARS). */
	partChars?: number;
	/** What a part's text is kept as (default: the text itself; the app: `utf8Blob`). */
	asPart?: (text: string) => Part;
	/** What a binary file's bytes are kept as (Parquet; default: the bytes themselves). */
	asBytes?: (bytes: Uint8Array<ArrayBuffer>) => Part;
	/** Between chunks; default: a macrotask, so the page can paint. */
	pause?: () => Promise<void>;
	signal?: AbortSignal;
}

export const PART_CHARS = 16 << 20;

const encoder = new TextEncoder();

/** A part as a Blob of its UTF-8 bytes (see above). */
export function utf8Blob(text: string): Blob {
	return new Blob([encoder.encode(text)]);
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
	parquet: 'application/vnd.apache.parquet',
	hub: 'application/zip',
	backup: 'application/x-ndjson',
	battles: 'application/json'
};

const EXTENSION: Record<ExportKind, string> = {
	jsonl: 'judgments.jsonl',
	csv: 'judgments.csv',
	parquet: 'judgments.parquet',
	hub: 'hf-dataset.zip',
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

export async function runExport<Part extends BlobPart = string>(
	db: ArenaDB,
	options: ExportOptions<Part>
): Promise<ExportResult<Part>> {
	const { kind, filter = {}, chunkSize = 2000, app = APP_VERSION, clock = systemClock } = options;
	const partChars = options.partChars ?? PART_CHARS;
	const pause = options.pause ?? macrotask;
	const asPart = options.asPart ?? ((text: string) => text as Part);
	const exportedAt = nowIso(clock);
	const result: ExportResult<Part> = {
		parts: [],
		name: exportFileName(kind, exportedAt, filter, options.studyName),
		type: MIME[kind],
		count: 0,
		incomplete: 0
	};
	let texts: string[] = [];
	let chars = 0;
	const finishPart = () => {
		if (chars > 0) result.parts.push(asPart(texts.join('')));
		texts = [];
		chars = 0;
	};
	const write = (text: string) => {
		texts.push(text);
		chars += text.length;
		if (chars >= partChars) finishPart();
	};
	const step = async (done: number, total: number) => {
		options.onProgress?.({ done, total });
		options.signal?.throwIfAborted();
		await pause();
	};

	if (kind === 'backup') {
		const counts = await tableCounts(db);
		const total = TRANSFER_TABLES.reduce((sum, table) => sum + counts[table], 0);
		write(backupHeaderLine(app, exportedAt, counts));
		await step(0, total);
		for (const table of TRANSFER_TABLES) {
			for await (const rows of tableChunks(db, table, chunkSize)) {
				write(rows.map((row) => backupLine(table, row)).join(''));
				result.count += rows.length;
				await step(result.count, total);
			}
		}
		finishPart();
		return result;
	}

	const judgments = await readJudgments(db, filter);
	const cache = await exportCache(db, judgments);
	const total = judgments.length;
	const battles = new BattlesWriter();
	const parquet = kind === 'parquet' || kind === 'hub' ? new ParquetColumns() : undefined;
	const hub = kind === 'hub' ? new HubSummary() : undefined;
	// Every trait answered anywhere in the selection gets its two CSV columns.
	const columns = csvColumns(kind === 'csv' ? traitsOf(judgments) : []);
	if (kind === 'battles') write(battles.begin());
	if (kind === 'csv') write(csvChunk([], columns, true));
	await step(0, total);
	for (let start = 0; start < total; start += chunkSize) {
		const chunk = judgments.slice(start, start + chunkSize);
		const { records, incomplete } = await loadRecords(db, chunk, cache);
		result.incomplete += incomplete.length;
		result.count += records.length;
		if (kind === 'jsonl') write(judgmentLines(records));
		else if (kind === 'csv') write(csvChunk(records, columns, false));
		else if (parquet) {
			parquet.add(records);
			hub?.add(records);
		} else write(battles.write(records));
		await step(start + chunk.length, total);
	}
	if (kind === 'battles') write(battles.end());
	finishPart();
	if (parquet) {
		const asBytes = options.asBytes ?? ((bytes) => bytes as unknown as Part);
		const bytes = await parquetBytes(parquet, app, exportedAt);
		const title = `Trait Arena judgments: ${options.studyName ?? 'all studies'}`;
		result.parts.push(
			asBytes(hub ? await hubFolder(bytes, hubDatasetCard(hub, { title, exportedAt, app })) : bytes)
		);
	}
	return result;
}

/** A folder the Hugging Face Hub takes as a dataset as is: `data/*.parquet` and its card. */
async function hubFolder(parquet: Uint8Array, card: string): Promise<Uint8Array<ArrayBuffer>> {
	const { zipSync, strToU8 } = await import('fflate');
	// Parquet pages are compressed already: stored, not deflated again.
	const zipped = zipSync({
		'README.md': strToU8(card),
		data: { 'judgments-00000-of-00001.parquet': [parquet, { level: 0 }] }
	});
	return new Uint8Array(zipped);
}

/** Parquet is written whole (its footer indexes every column); the writer loads on first use. */
async function parquetBytes(
	columns: ParquetColumns,
	app: string,
	exportedAt: string
): Promise<Uint8Array<ArrayBuffer>> {
	const { parquetWriteBuffer } = await import('hyparquet-writer');
	const buffer = parquetWriteBuffer({
		columnData: columns.columns(),
		createdBy: `Trait Arena ${app}`,
		kvMetadata: [
			{ key: 'trait-arena.format', value: 'trait-arena/judgments' },
			{ key: 'trait-arena.exported_at', value: exportedAt }
		]
	});
	return new Uint8Array(buffer);
}
