// The judgments export flattened to one CSV row per judgment, RFC 4180 (CRLF, quotes doubled), in
// papaparse's unparse format (see CSV_OPTIONS). Columns come in a fixed order; the per-trait
// columns follow, sorted by trait, so the same data always gives the same header. Lists of slugs
// are joined with ';' and texts that hold structure (all user turns, transcripts) are JSON
// strings. Values are written as they are — no formula escaping — because the CSV is for data
// tools; open it in a spreadsheet as text.
import { asciiStops, ByteWriter, fromUtf8, utf8 } from './byte-writer';
import type { JudgmentRecord } from './judgment-record';

export type Cell = string | number | boolean | null | undefined;
type Accessor = (record: JudgmentRecord) => Cell;

/**
 * Columns that all come from one shared record part (a study, trial, item, endpoint or response:
 * see judgment-record.ts, whose parts are shared and never changed). The writer encodes such a
 * run of cells once per part and copies its bytes into every row that has the part.
 */
interface Group {
	part: (record: JudgmentRecord) => object;
	bytes: WeakMap<object, Uint8Array>;
}

const group = (part: Group['part']): Group => ({ part, bytes: new WeakMap() });

type Column = [name: string, accessor: Accessor, group?: Group];

function sideColumns(prefix: 'left' | 'right'): Column[] {
	const of = (record: JudgmentRecord) => record[prefix];
	const endpoint = group((r) => of(r).endpoint);
	// A side's answer is derived from its response, so the response keys those cells too.
	const response = group((r) => of(r).response);
	const columns: Column[] = [
		['endpoint_id', (r) => of(r).endpoint.id, endpoint],
		['label', (r) => of(r).endpoint.label, endpoint],
		['role', (r) => of(r).endpoint.role, endpoint],
		['model', (r) => of(r).endpoint.model, endpoint],
		['flags', (r) => of(r).flags.join(';')],
		['answer', (r) => of(r).answer, response],
		['answer_chars', (r) => of(r).answer.length, response],
		['status', (r) => of(r).response.status, response],
		['finish_reason', (r) => of(r).response.finishReason, response],
		['completion_tokens', (r) => of(r).response.usage?.completionTokens, response],
		['ttft_ms', (r) => of(r).response.ttftMs, response],
		['total_ms', (r) => of(r).response.totalMs, response],
		['response_id', (r) => of(r).response.id, response],
		['transcript', (r) => JSON.stringify(of(r).response.transcript), response]
	];
	return columns.map(([name, ...rest]) => [`${prefix}_${name}`, ...rest]);
}

const study = group((r) => r.study);
const trial = group((r) => r.trial);
const item = group((r) => r.item);

const FIXED: Column[] = [
	['format', (r) => r.format],
	['schema', (r) => r.schema],
	['app', (r) => r.app],
	['judgment_id', (r) => r.id],
	['study_id', (r) => r.study.id, study],
	['study_name', (r) => r.study.name, study],
	['study_kind', (r) => r.study.kind, study],
	['rater_id', (r) => r.raterId],
	['trial_id', (r) => r.trial.id, trial],
	['trial_kind', (r) => r.trial.kind, trial],
	['trial_position', (r) => r.trial.position, trial],
	['trial_repeat', (r) => r.trial.repeat, trial],
	['leak_flagged', (r) => r.trial.leakFlagged, trial],
	['swap_of', (r) => r.trial.swapOf, trial],
	['gold', (r) => r.trial.gold, trial],
	['item_id', (r) => r.item.id, item],
	['item_set_id', (r) => r.item.setId, item],
	['domain', (r) => r.item.domain, item],
	['traits', (r) => r.item.traits.join(';'), item],
	['tags', (r) => r.item.tags.join(';'), item],
	['system', (r) => r.item.system, item],
	['prompt', (r) => r.item.turns[0], item],
	['turns', (r) => JSON.stringify(r.item.turns), item],
	['turn_count', (r) => r.item.turns.length, item],
	['rater_note', (r) => r.item.raterNote, item],
	['reference', (r) => r.item.reference, item],
	['overall', (r) => r.overall],
	['skip_reason', (r) => r.skipReason],
	['winner_side', (r) => r.winner?.side],
	['winner_endpoint_id', (r) => r.winner?.endpointId],
	['winner_label', (r) => r.winner?.label],
	['winner_role', (r) => r.winner?.role],
	...sideColumns('left'),
	...sideColumns('right'),
	['trait_choices', (r) => JSON.stringify(r.traitChoices)],
	['rationale', (r) => r.rationale],
	['decision_ms', (r) => r.decisionMs],
	['created_at', (r) => r.createdAt],
	['updated_at', (r) => r.updatedAt]
];

export const CSV_FIXED_COLUMNS: readonly string[] = FIXED.map(([name]) => name);

export function traitColumns(trait: string): [string, string] {
	return [`trait_${trait}`, `trait_${trait}_winner`];
}

function byText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Every column for records whose trait choices cover `traits` (any order, duplicates fine). */
export function csvColumns(traits: Iterable<string>): string[] {
	const sorted = [...new Set(traits)].sort(byText);
	return [...CSV_FIXED_COLUMNS, ...sorted.flatMap(traitColumns)];
}

/** Every trait these records (or stored judgments) answered. */
export function traitsOf(records: Iterable<{ traitChoices: object }>): string[] {
	const traits = new Set<string>();
	for (const record of records) for (const trait in record.traitChoices) traits.add(trait);
	return [...traits];
}

const FIXED_BY_NAME = new Map(FIXED.map((column) => [column[0], column]));

function columnFor(name: string): Column {
	const fixed = FIXED_BY_NAME.get(name);
	if (fixed) return fixed;
	const match = /^trait_(.+?)(_winner)?$/.exec(name);
	if (!match) return [name, () => undefined];
	const [, trait = '', winner] = match;
	return [
		name,
		winner ? (r) => r.traitChoices[trait]?.winnerEndpointId : (r) => r.traitChoices[trait]?.choice
	];
}

/** How a row of these columns is written: single cells, and runs of cells from one part. */
type Step = { accessor: Accessor; group?: undefined } | { run: Accessor[]; group: Group };

const plans = new WeakMap<readonly string[], { accessors: Accessor[]; steps: Step[] }>();

function planFor(columns: readonly string[]) {
	let plan = plans.get(columns);
	if (plan) return plan;
	const resolved = columns.map(columnFor);
	const steps: Step[] = [];
	for (const [, accessor, partOf] of resolved) {
		const last = steps[steps.length - 1];
		if (!partOf) steps.push({ accessor });
		else if (last?.group === partOf) last.run.push(accessor);
		else steps.push({ run: [accessor], group: partOf });
	}
	plan = { accessors: resolved.map(([, accessor]) => accessor), steps };
	plans.set(columns, plan);
	return plan;
}

/** The values of one record in column order. */
export function csvValues(record: JudgmentRecord, columns: readonly string[]): Cell[] {
	return planFor(columns).accessors.map((accessor) => accessor(record));
}

/** One record as column → value (for readers and tests; the writer reads the same accessors). */
export function csvRow(record: JudgmentRecord): Record<string, Cell> {
	const columns = csvColumns(Object.keys(record.traitChoices));
	const values = csvValues(record, columns);
	return Object.fromEntries(columns.map((column, index) => [column, values[index]]));
}

const NEWLINE = '\r\n';
const LONG = 40;

/**
 * papaparse's `unparse` options this file follows: CRLF, and long texts always quoted (valid RFC
 * 4180). Rows are written by `encodeCell`, which gives byte for byte what
 * `Papa.unparse(rows, CSV_OPTIONS)` gives (a property test holds it to that) at a fraction of the
 * cost: papaparse re-scans every long text several times per row, and 100,000 rows with full
 * transcripts took 4–5 s through it, against the 2 s the issue allows.
 */
export const CSV_OPTIONS = {
	newline: NEWLINE,
	quotes: (value: unknown) => typeof value === 'string' && value.length > LONG
} as const;

const NEEDS_QUOTES = /[",\r\n\ufeff]|^ | $/;

export function encodeCell(value: Cell): string {
	if (value === null || value === undefined) return '';
	if (typeof value !== 'string') return String(value);
	if (value.length > LONG || NEEDS_QUOTES.test(value)) return `"${value.replace(/"/g, '""')}"`;
	return value;
}

/** The cells of a run for the record's part, encoded once per part. */
function runBytes(record: JudgmentRecord, step: { run: Accessor[]; group: Group }): Uint8Array {
	const part = step.group.part(record);
	let bytes = step.group.bytes.get(part);
	if (bytes === undefined) {
		bytes = utf8(step.run.map((accessor) => encodeCell(accessor(record))).join(','));
		step.group.bytes.set(part, bytes);
	}
	return bytes;
}

// A short cell is written as it is unless it holds one of these (or starts or ends with a
// space); a long one is always quoted, with its quotes doubled.
const SHORT_CELL_STOPS = asciiStops('",\r\n');
const LONG_CELL_STOPS = asciiStops('"');
const COMMA = 0x2c;
const QUOTE = 0x22;
const SPACE = 0x20;
const CRLF = utf8(NEWLINE);

/** Writes `encodeCell(value)`, copying plain ASCII text as it is. */
function writeCell(writer: ByteWriter, value: Cell): void {
	if (value === null || value === undefined) return;
	if (typeof value === 'number') return writer.number(value);
	if (typeof value !== 'string') return writer.text(String(value));
	const length = value.length;
	if (length === 0) return;
	if (length > LONG) {
		writer.byte(QUOTE);
		if (writer.plainAscii(value, LONG_CELL_STOPS)) return writer.byte(QUOTE);
		writer.text(`${value.replace(/"/g, '""')}"`);
		return;
	}
	const edges = value.charCodeAt(0) === SPACE || value.charCodeAt(length - 1) === SPACE;
	if (!edges && writer.plainAscii(value, SHORT_CELL_STOPS)) return;
	writer.text(encodeCell(value));
}

/**
 * CSV of a chunk of records as UTF-8: the header first when asked, every line ending in CRLF so
 * chunks concatenate into one valid file. A row's own cells are written straight into the
 * buffer between the runs from shared parts, which are copied from cached bytes.
 */
export function writeCsvChunk(
	writer: ByteWriter,
	records: readonly JudgmentRecord[],
	columns: readonly string[],
	withHeader: boolean
): void {
	const { steps } = planFor(columns);
	if (withHeader) writer.text(columns.map(encodeCell).join(',') + NEWLINE);
	for (const record of records) {
		for (let index = 0; index < steps.length; index++) {
			if (index > 0) writer.byte(COMMA);
			const step = steps[index] as Step;
			if (step.group) writer.bytes(runBytes(record, step));
			else writeCell(writer, step.accessor(record));
		}
		writer.bytes(CRLF);
	}
}

/** The same as text (tests and small files); exports write bytes. */
export function csvChunk(
	records: readonly JudgmentRecord[],
	columns: readonly string[],
	withHeader: boolean
): string {
	const writer = new ByteWriter(4096);
	writeCsvChunk(writer, records, columns, withHeader);
	return fromUtf8(writer.view());
}

export function recordsToCsv(records: readonly JudgmentRecord[]): string {
	return csvChunk(records, csvColumns(traitsOf(records)), true);
}
