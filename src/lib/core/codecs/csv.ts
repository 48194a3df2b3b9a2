// The judgments export flattened to one CSV row per judgment, RFC 4180 (CRLF, quotes doubled), in
// papaparse's unparse format (see CSV_OPTIONS). Columns come in a fixed order; the per-trait
// columns follow, sorted by trait, so the same data always gives the same header. Lists of slugs
// are joined with ';' and texts that hold structure (all user turns, transcripts) are JSON
// strings. Values are written as they are — no formula escaping — because the CSV is for data
// tools; open it in a spreadsheet as text.
import Papa from 'papaparse';
import type { JudgmentRecord } from './judgment-record';

export type Cell = string | number | boolean | null | undefined;
type Accessor = (record: JudgmentRecord) => Cell;

type Column = [name: string, accessor: Accessor];

// Every rater's row repeats the same responses (record parts are shared objects): their longest
// cell, the transcript as JSON, is written once per response.
const transcripts = new WeakMap<object, string>();
function transcriptJson(response: JudgmentRecord['left']['response']): string {
	let json = transcripts.get(response);
	if (json === undefined) transcripts.set(response, (json = JSON.stringify(response.transcript)));
	return json;
}

function sideColumns(prefix: 'left' | 'right'): Column[] {
	const of = (record: JudgmentRecord) => record[prefix];
	const columns: Column[] = [
		['endpoint_id', (r) => of(r).endpoint.id],
		['label', (r) => of(r).endpoint.label],
		['role', (r) => of(r).endpoint.role],
		['model', (r) => of(r).endpoint.model],
		['flags', (r) => of(r).flags.join(';')],
		['answer', (r) => of(r).answer],
		['answer_chars', (r) => of(r).answer.length],
		['status', (r) => of(r).response.status],
		['finish_reason', (r) => of(r).response.finishReason],
		['completion_tokens', (r) => of(r).response.usage?.completionTokens],
		['ttft_ms', (r) => of(r).response.ttftMs],
		['total_ms', (r) => of(r).response.totalMs],
		['response_id', (r) => of(r).response.id],
		['transcript', (r) => transcriptJson(of(r).response)]
	];
	return columns.map(([name, accessor]) => [`${prefix}_${name}`, accessor]);
}

const FIXED: Column[] = [
	['format', (r) => r.format],
	['schema', (r) => r.schema],
	['app', (r) => r.app],
	['judgment_id', (r) => r.id],
	['study_id', (r) => r.study.id],
	['study_name', (r) => r.study.name],
	['study_kind', (r) => r.study.kind],
	['rater_id', (r) => r.raterId],
	['trial_id', (r) => r.trial.id],
	['trial_kind', (r) => r.trial.kind],
	['trial_position', (r) => r.trial.position],
	['trial_repeat', (r) => r.trial.repeat],
	['leak_flagged', (r) => r.trial.leakFlagged],
	['swap_of', (r) => r.trial.swapOf],
	['gold', (r) => r.trial.gold],
	['item_id', (r) => r.item.id],
	['item_set_id', (r) => r.item.setId],
	['domain', (r) => r.item.domain],
	['traits', (r) => r.item.traits.join(';')],
	['tags', (r) => r.item.tags.join(';')],
	['system', (r) => r.item.system],
	['prompt', (r) => r.item.turns[0]],
	['turns', (r) => JSON.stringify(r.item.turns)],
	['turn_count', (r) => r.item.turns.length],
	['rater_note', (r) => r.item.raterNote],
	['reference', (r) => r.item.reference],
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
	['rater_kind', (r) => r.raterKind ?? 'human'],
	['judge_id', (r) => r.judgeId],
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

const accessorLists = new WeakMap<readonly string[], Accessor[]>();

/** The values of one record in column order. */
export function csvValues(record: JudgmentRecord, columns: readonly string[]): Cell[] {
	let accessors = accessorLists.get(columns);
	if (!accessors) {
		accessors = columns.map((name) => columnFor(name)[1]);
		accessorLists.set(columns, accessors);
	}
	return accessors.map((accessor) => accessor(record));
}

/** One record as column → value (for readers and tests). */
export function csvRow(record: JudgmentRecord): Record<string, Cell> {
	const columns = csvColumns(Object.keys(record.traitChoices));
	const values = csvValues(record, columns);
	return Object.fromEntries(columns.map((column, index) => [column, values[index]]));
}

const NEWLINE = '\r\n';

/** papaparse's `unparse` options of this file: CRLF line ends, fields quoted only where needed. */
export const CSV_OPTIONS = { newline: NEWLINE } as const;

/**
 * CSV of a chunk of records, the header first when asked, every line ending in CRLF so chunks
 * concatenate into one valid file.
 */
export function csvChunk(
	records: readonly JudgmentRecord[],
	columns: readonly string[],
	withHeader: boolean
): string {
	const data = records.map((record) => csvValues(record, columns));
	const header = withHeader ? Papa.unparse([columns], CSV_OPTIONS) + NEWLINE : '';
	return data.length === 0 ? header : header + Papa.unparse(data, CSV_OPTIONS) + NEWLINE;
}

export function recordsToCsv(records: readonly JudgmentRecord[]): string {
	return csvChunk(records, csvColumns(traitsOf(records)), true);
}
