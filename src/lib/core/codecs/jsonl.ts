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
// `JSON.stringify(record) + '\n'` exactly (tested); the keys between values are encoded once, and
// the record's own short values are written straight into the buffer, not built as strings.
const partBytes = new WeakMap<object, Uint8Array>();
const answerBytes = new WeakMap<object, Uint8Array>();
const json = JSON.stringify;

const FORMAT_KEY = utf8('{"format":');
const SCHEMA_KEY = utf8(',"schema":');
const APP_KEY = utf8(',"app":');
const ID_KEY = utf8(',"id":');
const STUDY_KEY = utf8(',"study":');
const TRIAL_KEY = utf8(',"trial":');
const ITEM_KEY = utf8(',"item":');
const RATER_KEY = utf8(',"raterId":');
const OVERALL_KEY = utf8(',"overall":');
const SKIP_KEY = utf8(',"skipReason":');
const WINNER_SIDE_KEY = utf8(',"winner":{"side":');
const WINNER_NULL = utf8(',"winner":null');
const WINNER_ENDPOINT_KEY = utf8(',"endpointId":');
const LABEL_KEY = utf8(',"label":');
const ROLE_KEY = utf8(',"role":');
const LEFT_KEY = utf8('},"left":{"endpoint":');
const LEFT_AFTER_NULL_KEY = utf8(',"left":{"endpoint":');
const RIGHT_KEY = utf8('},"right":{"endpoint":');
const ANSWER_KEY = utf8(',"answer":');
const FLAGS_KEY = utf8(',"flags":');
const RESPONSE_KEY = utf8(',"response":');
const TRAITS_KEY = utf8('},"traitChoices":');
const CHOICE_KEY = utf8(':{"choice":');
const TRAIT_WINNER_KEY = utf8(',"winnerEndpointId":');
const RATIONALE_KEY = utf8(',"rationale":');
const DECISION_KEY = utf8(',"decisionMs":');
const CREATED_KEY = utf8(',"createdAt":');
const UPDATED_KEY = utf8(',"updatedAt":');
const LINE_END = utf8('}\n');
const NULL = utf8('null');
const EMPTY_LIST = utf8('[]');

function writeShared(writer: ByteWriter, part: object): void {
	let bytes = partBytes.get(part);
	if (bytes === undefined) partBytes.set(part, (bytes = utf8(json(part))));
	writer.bytes(bytes);
}

function writeNullable(writer: ByteWriter, value: string | null): void {
	if (value === null) writer.bytes(NULL);
	else writer.jsonString(value);
}

/** Writes JSON of a number as JSON.stringify does (finite numbers as String gives them). */
function writeNumber(writer: ByteWriter, value: number): void {
	if (Number.isFinite(value)) writer.number(value);
	else writer.bytes(NULL);
}

function writeSide(writer: ByteWriter, side: RecordSide): void {
	// A built record's answer is derived from its response, so the response keys its bytes too.
	let answer = answerBytes.get(side.response);
	if (answer === undefined) answerBytes.set(side.response, (answer = utf8(json(side.answer))));
	writeShared(writer, side.endpoint);
	writer.bytes(ANSWER_KEY);
	writer.bytes(answer);
	writer.bytes(FLAGS_KEY);
	if (side.flags.length === 0) writer.bytes(EMPTY_LIST);
	else writer.text(json(side.flags));
	writer.bytes(RESPONSE_KEY);
	writeShared(writer, side.response);
}

function writeTraitChoices(writer: ByteWriter, choices: JudgmentRecord['traitChoices']): void {
	let first = true;
	// Object.keys, not for…in: JSON.stringify writes own keys only.
	for (const trait of Object.keys(choices)) {
		const entry = choices[trait];
		if (entry === undefined) continue;
		writer.text(first ? '{' : ',');
		first = false;
		writer.jsonString(trait);
		writer.bytes(CHOICE_KEY);
		writer.jsonString(entry.choice);
		writer.bytes(TRAIT_WINNER_KEY);
		writeNullable(writer, entry.winnerEndpointId);
		writer.text('}');
	}
	writer.text(first ? '{}' : '}');
}

function writeJudgmentLine(writer: ByteWriter, record: JudgmentRecord): void {
	const r = record;
	writer.bytes(FORMAT_KEY);
	writer.jsonString(r.format);
	writer.bytes(SCHEMA_KEY);
	writeNumber(writer, r.schema);
	writer.bytes(APP_KEY);
	writer.jsonString(r.app);
	writer.bytes(ID_KEY);
	writer.jsonString(r.id);
	writer.bytes(STUDY_KEY);
	writeShared(writer, r.study);
	writer.bytes(TRIAL_KEY);
	writeShared(writer, r.trial);
	writer.bytes(ITEM_KEY);
	writeShared(writer, r.item);
	writer.bytes(RATER_KEY);
	writer.jsonString(r.raterId);
	writer.bytes(OVERALL_KEY);
	writeNullable(writer, r.overall);
	writer.bytes(SKIP_KEY);
	writeNullable(writer, r.skipReason);
	const { winner } = r;
	if (winner === null) {
		writer.bytes(WINNER_NULL);
		writer.bytes(LEFT_AFTER_NULL_KEY);
	} else {
		writer.bytes(WINNER_SIDE_KEY);
		writer.jsonString(winner.side);
		writer.bytes(WINNER_ENDPOINT_KEY);
		writer.jsonString(winner.endpointId);
		writer.bytes(LABEL_KEY);
		writer.jsonString(winner.label);
		writer.bytes(ROLE_KEY);
		writer.jsonString(winner.role);
		writer.bytes(LEFT_KEY);
	}
	writeSide(writer, r.left);
	writer.bytes(RIGHT_KEY);
	writeSide(writer, r.right);
	writer.bytes(TRAITS_KEY);
	writeTraitChoices(writer, r.traitChoices);
	writer.bytes(RATIONALE_KEY);
	writer.jsonString(r.rationale);
	writer.bytes(DECISION_KEY);
	writeNumber(writer, r.decisionMs);
	writer.bytes(CREATED_KEY);
	writer.jsonString(r.createdAt);
	writer.bytes(UPDATED_KEY);
	writer.jsonString(r.updatedAt);
	writer.bytes(LINE_END);
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
