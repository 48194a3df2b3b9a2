// The judgments export is JSON Lines with the envelope *inside* each record (`format`, `schema`,
// `app`) rather than on a header line, so every line is a complete row: `pandas.read_json(...,
// lines=True)`, `datasets.load_dataset('json', ...)`, DuckDB and `jq` read it as is, and files
// from many raters can simply be concatenated. JSON.stringify of a record built in fixed key order
// gives the same bytes for the same data (export → import → export is byte-identical).
import { DataError, shorten, type DataIssue, type DataLocation } from '../errors';
import { zodIssues } from '../errors';
import { FORMATS, readEnvelope, type Format } from './envelope';
import { JudgmentRecordSchema, type JudgmentRecord } from './judgment-record';

/** One record's line, exactly as it is written to the file. */
export function judgmentLine(record: JudgmentRecord): string {
	return `${JSON.stringify(record)}\n`;
}

/** The lines of some records, as one text (an export writes a chunk at a time). */
export function judgmentLines(records: readonly JudgmentRecord[]): string {
	return records.map(judgmentLine).join('');
}

export interface TextLine {
	/** 1-based line number in the file. */
	line: number;
	text: string;
}

/**
 * Splits text that arrives in chunks into lines (LF or CRLF), skipping blank ones, so a large
 * file is parsed without holding it whole. The first line loses a byte-order mark.
 */
export class LineSplitter {
	#rest = '';
	#line = 0;

	push(chunk: string): TextLine[] {
		const text = this.#rest + chunk;
		const parts = text.split('\n');
		this.#rest = parts.pop() ?? '';
		return this.#emit(parts);
	}

	flush(): TextLine[] {
		const rest = this.#rest;
		this.#rest = '';
		return rest === '' ? [] : this.#emit([rest]);
	}

	#emit(parts: string[]): TextLine[] {
		const lines: TextLine[] = [];
		for (let part of parts) {
			this.#line++;
			if (this.#line === 1 && part.charCodeAt(0) === 0xfeff) part = part.slice(1);
			if (part.endsWith('\r')) part = part.slice(0, -1);
			if (part.trim() !== '') lines.push({ line: this.#line, text: part });
		}
		return lines;
	}
}

export function splitLines(text: string): TextLine[] {
	const splitter = new LineSplitter();
	return [...splitter.push(text), ...splitter.flush()];
}

export type ParsedLine = { ok: true; value: unknown } | { ok: false; issue: DataIssue };

export function parseJsonLine(text: string, location: DataLocation): ParsedLine {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return {
			ok: false,
			issue: { ...location, message: `is not valid JSON (${reason})`, value: shorten(text) }
		};
	}
}

/** Which Trait Arena file a first line starts: a judgments export or a backup. */
export function detectFormat(value: unknown): Format | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const format = (value as { format?: unknown }).format;
	return format === FORMATS.judgments || format === FORMATS.backup ? format : undefined;
}

export type RecordResult =
	{ ok: true; record: JudgmentRecord } | { ok: false; issues: DataIssue[] };

/** Validates one parsed line as a judgment record, upgrading an older schema first. */
export function readJudgmentRecord(value: unknown, location: DataLocation): RecordResult {
	let record: Record<string, unknown>;
	try {
		record = readEnvelope(value, { accept: [FORMATS.judgments], location }).record;
	} catch (error) {
		if (error instanceof DataError) return { ok: false, issues: error.issues };
		throw error;
	}
	const parsed = JudgmentRecordSchema.safeParse(record);
	if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, record, location) };
	return { ok: true, record: parsed.data };
}

/** Parses a whole judgments export; throws a DataError listing every bad line. */
export function parseJudgmentsJsonl(text: string, file?: string): JudgmentRecord[] {
	const records: JudgmentRecord[] = [];
	const issues: DataIssue[] = [];
	for (const { line, text: lineText } of splitLines(text)) {
		const location = { file, row: line };
		const parsed = parseJsonLine(lineText, location);
		if (!parsed.ok) {
			issues.push(parsed.issue);
			continue;
		}
		const result = readJudgmentRecord(parsed.value, location);
		if (result.ok) records.push(result.record);
		else issues.push(...result.issues);
	}
	if (issues.length > 0) throw new DataError(issues.slice(0, 100), issues.length);
	return records;
}
