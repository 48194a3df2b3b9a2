// Import and merge: a judgments export (JSONL, one record per line) or a full backup. Every line
// is parsed and validated first; any error stops the import before the database is touched and
// names file, line and field. Then one transaction adds what is new, skips duplicates and leaves
// conflicts as stored — so importing the same file twice changes nothing.
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

	const handle = (line: TextLine) => {
		const location = { file, row: line.line };
		const parsed = parseJsonLine(line.text, location);
		if (!parsed.ok) return report([parsed.issue]);
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
	for await (const chunk of chunks) {
		for (const line of splitter.push(chunk)) handle(line);
		read += chunk.length;
		options.onProgress?.(read);
	}
	for (const line of splitter.flush()) handle(line);
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
