// The judgments export is JSON Lines with the envelope *inside* each record (`format`, `schema`,
// `app`) rather than on a header line, so every line is a complete row: `pandas.read_json(...,
// lines=True)`, `datasets.load_dataset('json', ...)`, DuckDB and `jq` read it as is, and files
// from many raters can simply be concatenated. JSON.stringify of a record built in fixed key order
// gives the same bytes for the same data (export → import → export is byte-identical).
import { ByteWriter, fromUtf8, utf8 } from './byte-writer';
import { DataError, shorten, type DataIssue, type DataLocation } from '../errors';
import { zodIssues } from '../errors';
import { FORMATS, readEnvelope, type Format } from './envelope';
import { JudgmentRecordSchema, type JudgmentRecord, type RecordSide } from './judgment-record';

// The shared record parts (study, trial, item, endpoints, responses) are encoded once per object:
// a response read by 100 raters is serialised once and copied as bytes after that (see
// byte-writer.ts). A line is assembled in the record's key order and equals
// `JSON.stringify(record) + '\n'` exactly (tested).
const partBytes = new WeakMap<object, Uint8Array>();
const answerBytes = new WeakMap<object, Uint8Array>();
const json = JSON.stringify;

function writeShared(writer: ByteWriter, part: object): void {
	let bytes = partBytes.get(part);
	if (bytes === undefined) partBytes.set(part, (bytes = utf8(json(part))));
	writer.bytes(bytes);
}

function writeSide(writer: ByteWriter, side: RecordSide): void {
	// A built record's answer is derived from its response, so the response keys its bytes too.
	let answer = answerBytes.get(side.response);
	if (answer === undefined) answerBytes.set(side.response, (answer = utf8(json(side.answer))));
	writer.text('{"endpoint":');
	writeShared(writer, side.endpoint);
	writer.text(',"answer":');
	writer.bytes(answer);
	writer.text(`,"flags":${json(side.flags)},"response":`);
	writeShared(writer, side.response);
	writer.text('}');
}

function writeJudgmentLine(writer: ByteWriter, record: JudgmentRecord): void {
	const r = record;
	writer.text(
		`{"format":${json(r.format)},"schema":${json(r.schema)},"app":${json(r.app)},"id":${json(r.id)},"study":`
	);
	writeShared(writer, r.study);
	writer.text(',"trial":');
	writeShared(writer, r.trial);
	writer.text(',"item":');
	writeShared(writer, r.item);
	writer.text(
		`,"raterId":${json(r.raterId)},"overall":${json(r.overall)},"skipReason":${json(r.skipReason)},` +
			`"winner":${json(r.winner)},"left":`
	);
	writeSide(writer, r.left);
	writer.text(',"right":');
	writeSide(writer, r.right);
	writer.text(
		`,"traitChoices":${json(r.traitChoices)},"rationale":${json(r.rationale)},` +
			`"decisionMs":${json(r.decisionMs)},"createdAt":${json(r.createdAt)},` +
			`"updatedAt":${json(r.updatedAt)}}\n`
	);
}

export function writeJudgmentLines(writer: ByteWriter, records: readonly JudgmentRecord[]): void {
	for (const record of records) writeJudgmentLine(writer, record);
}

/** One record's line as text (tests and fixtures); exports write bytes. */
export function judgmentLine(record: JudgmentRecord): string {
	const writer = new ByteWriter(4096);
	writeJudgmentLine(writer, record);
	return fromUtf8(writer.view());
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
