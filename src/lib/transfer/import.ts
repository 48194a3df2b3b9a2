// Import and merge: a judgments export (JSONL, one record per line) or a full backup, plain or
// gzipped. Every line is parsed and validated first; any error stops the import before the
// database is touched and names file, line and field. Then one transaction adds what is new,
// skips duplicates and leaves conflicts as stored — so importing the same file twice changes
// nothing. A file that is empty, cut short, or not ours at all is told so in those words: the
// first bytes and the first line decide which, before any line-by-line complaint.
import { BackupPlanBuilder, readBackupHeader } from '$lib/core/codecs/backup';
import { FORMATS } from '$lib/core/codecs/envelope';
import type { Conflict, MergeCounts } from '$lib/core/codecs/merge';
import { mergeCounts } from '$lib/core/codecs/merge';
import { judgmentImportPlan, type LocatedRecord } from '$lib/core/codecs/judgment-import';
import type { ImportPlan } from '$lib/core/codecs/import-plan';
import {
	detectFormat,
	LineSplitter,
	parseJsonLine,
	readJudgmentRecord,
	type TextLine
} from '$lib/core/codecs/jsonl';
import { DataError, type DataIssue } from '$lib/core/errors';
import { beganAs, endsEarly, isBlank, sniffBytes } from '$lib/core/codecs/sniff';
import type { ArenaDB } from '$lib/db/arena-db';
import { applyImportPlan } from '$lib/db/repos/transfer';

export type ImportKind = 'judgments' | 'backup';

export interface ImportReport {
	file: string;
	kind: ImportKind;
	/** Data lines read (records or backup rows). */
	rows: number;
	tables: MergeCounts[];
	conflicts: Conflict[];
}

export interface ImportOptions {
	onProgress?: (linesRead: number) => void;
	/** Stop collecting issues after this many (the count still grows). */
	maxIssues?: number;
}

const MAX_ISSUES = 50;

const notOurs = (file: string, why: string) =>
	new DataError([
		{
			file,
			message: `is not a Trait Arena file (${why}); import a judgments export (.jsonl) or a backup here, and rater files under “Merge rater files”`
		}
	]);

const cutShort = (file: string, row?: number) =>
	new DataError([
		{
			file,
			...(row === undefined ? {} : { row }),
			message:
				'is incomplete: the file ends early (an interrupted download or copy). Export or copy it again.'
		}
	]);

const beganAsOurs = (text: string) =>
	beganAs(text, FORMATS.judgments) || beganAs(text, FORMATS.backup);

// Chromium says "Compressed input was truncated", Node/zlib "unexpected end of file".
const TRUNCATED = /truncat|unexpected end|end of (?:file|stream|input|data)|incomplete/i;

/** A file as text chunks, gunzipped if it is gzip; empty, binary and cut-short files refused. */
export async function* fileText(file: Blob, name: string): AsyncGenerator<string> {
	const shape = sniffBytes(new Uint8Array(await file.slice(0, 4096).arrayBuffer()));
	if (shape === 'empty')
		throw new DataError([{ file: name, message: 'is empty: it holds no data (0 bytes)' }]);
	if (shape === 'binary') throw notOurs(name, 'it holds binary data, not text');
	const bytes: ReadableStream<BufferSource> =
		shape === 'gzip' ? file.stream().pipeThrough(new DecompressionStream('gzip')) : file.stream();
	const reader = bytes.pipeThrough(new TextDecoderStream()).getReader();
	for (;;) {
		let next: ReadableStreamReadResult<string>;
		try {
			next = await reader.read();
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			if (TRUNCATED.test(message)) throw cutShort(name);
			throw notOurs(name, 'its compressed data is damaged');
		}
		if (next.done) return;
		yield next.value;
	}
}

/** Reads, validates and merges one file given as text chunks. Throws DataError on bad input. */
export async function importChunks(
	db: ArenaDB,
	chunks: AsyncIterable<string> | Iterable<string>,
	file: string,
	options: ImportOptions = {}
): Promise<ImportReport> {
	const maxIssues = options.maxIssues ?? MAX_ISSUES;
	const issues: DataIssue[] = [];
	let issueCount = 0;
	const report = (more: readonly DataIssue[]) => {
		issueCount += more.length;
		for (const issue of more) if (issues.length < maxIssues) issues.push(issue);
	};
	let kind: ImportKind | undefined;
	const records: LocatedRecord[] = [];
	const backup = new BackupPlanBuilder();
	let rows = 0;

	let last = false;
	const handle = (line: TextLine) => {
		const location = { file, row: line.line };
		const parsed = parseJsonLine(line.text, location);
		if (!parsed.ok) {
			// A last line that began as a record and stops is a cut, not a malformed record.
			if (last && (kind !== undefined || beganAsOurs(line.text)) && endsEarly(line.text))
				throw cutShort(file, line.line);
			if (kind === undefined) throw notOurs(file, 'its first line is not JSON');
			return report([parsed.issue]);
		}
		if (kind === undefined) {
			const format = detectFormat(parsed.value);
			if (format === FORMATS.backup) {
				kind = 'backup';
				try {
					readBackupHeader(parsed.value, location);
				} catch (error) {
					if (error instanceof DataError) return report(error.issues);
					throw error;
				}
				return;
			}
			kind = 'judgments';
			if (format === undefined) {
				throw new DataError([
					{
						...location,
						field: 'format',
						message:
							'is not a Trait Arena judgments export or backup (expected "trait-arena/judgments" or "trait-arena/backup")'
					}
				]);
			}
		}
		rows++;
		if (kind === 'backup') {
			const before = backup.issues.length;
			backup.add(parsed.value, location);
			return report(backup.issues.slice(before));
		}
		const result = readJudgmentRecord(parsed.value, location);
		if (result.ok) records.push({ record: result.record, location });
		else report(result.issues);
	};

	const splitter = new LineSplitter();
	let read = 0;
	let head = '';
	for await (const chunk of chunks) {
		// Garbage is refused at its first bytes, not after reading 50 MB as one "line".
		if (kind === undefined && isBlank(head)) {
			head = (head + chunk).slice(0, 64);
			const start = head.replace(/^\uFEFF/, '').trimStart();
			if (start !== '' && !start.startsWith('{')) throw notOurs(file, 'it is not JSON lines');
		}
		for (const line of splitter.push(chunk)) handle(line);
		read += chunk.length;
		options.onProgress?.(read);
	}
	last = true;
	for (const line of splitter.flush()) handle(line);
	if (read === 0 || (kind === undefined && isBlank(head))) {
		throw new DataError([{ file, message: 'is empty: it holds no data' }]);
	}
	if (kind === undefined) {
		throw new DataError([{ file, message: 'is empty: no judgments or backup rows to import' }]);
	}

	let plan: ImportPlan;
	if (kind === 'judgments') {
		const built = judgmentImportPlan(records);
		report(built.issues);
		plan = built.plan;
	} else plan = backup.plan;
	if (issueCount > 0) throw new DataError(issues, issueCount);

	const merges = await applyImportPlan(db, plan);
	return {
		file,
		kind,
		rows,
		tables: merges.map(mergeCounts),
		conflicts: merges.flatMap((merge) => merge.conflicts).slice(0, 200)
	};
}
