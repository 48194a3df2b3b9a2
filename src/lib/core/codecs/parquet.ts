// The judgments export as Parquet columns: one row per judgment, the CSV's column names with real
// types (whole numbers as INT32, times as DOUBLE milliseconds, flags as BOOLEAN, the two
// timestamps as TIMESTAMP), and the nested context (user turns, transcripts, lists of slugs, trait
// choices) as JSON strings, which DuckDB, pandas and Spark all parse. Columns are gathered here
// chunk by chunk; the writer library turns them into bytes (loaded only when a Parquet export
// runs, so it adds nothing to the app's first load).
import type { JudgmentRecord, RecordSide } from './judgment-record';

export type ParquetType = 'STRING' | 'JSON' | 'INT32' | 'DOUBLE' | 'BOOLEAN' | 'TIMESTAMP';

type Value = string | number | boolean | Date | null;
type ParquetColumn = [
	name: string,
	type: ParquetType,
	value: (record: JudgmentRecord) => Value,
	/** Null for some records (an optional field, a skipped verdict). */
	nullable?: true
];

const json = (value: unknown): string => JSON.stringify(value);
const or = <T>(value: T | undefined | null): T | null => (value === undefined ? null : value);

function side(prefix: 'left' | 'right'): ParquetColumn[] {
	const of = (record: JudgmentRecord): RecordSide => record[prefix];
	const columns: ParquetColumn[] = [
		['endpoint_id', 'STRING', (r) => of(r).endpoint.id],
		['label', 'STRING', (r) => of(r).endpoint.label],
		['role', 'STRING', (r) => of(r).endpoint.role],
		['model', 'STRING', (r) => of(r).endpoint.model],
		['flags', 'JSON', (r) => json(of(r).flags)],
		['answer', 'STRING', (r) => of(r).answer],
		['answer_chars', 'INT32', (r) => of(r).answer.length],
		['status', 'STRING', (r) => of(r).response.status],
		['finish_reason', 'STRING', (r) => or(of(r).response.finishReason), true],
		['completion_tokens', 'INT32', (r) => or(of(r).response.usage?.completionTokens), true],
		['ttft_ms', 'DOUBLE', (r) => or(of(r).response.ttftMs), true],
		['total_ms', 'DOUBLE', (r) => or(of(r).response.totalMs), true],
		['response_id', 'STRING', (r) => of(r).response.id],
		['transcript', 'JSON', (r) => json(of(r).response.transcript)]
	];
	return columns.map(([name, ...rest]) => [`${prefix}_${name}`, ...rest]);
}

export const PARQUET_COLUMNS: readonly ParquetColumn[] = [
	['format', 'STRING', (r) => r.format],
	['schema', 'INT32', (r) => r.schema],
	['app', 'STRING', (r) => r.app],
	['judgment_id', 'STRING', (r) => r.id],
	['study_id', 'STRING', (r) => r.study.id],
	['study_name', 'STRING', (r) => r.study.name],
	['study_kind', 'STRING', (r) => r.study.kind],
	['rater_id', 'STRING', (r) => r.raterId],
	['trial_id', 'STRING', (r) => r.trial.id],
	['trial_kind', 'STRING', (r) => r.trial.kind],
	['trial_position', 'INT32', (r) => r.trial.position],
	['trial_repeat', 'INT32', (r) => r.trial.repeat],
	['leak_flagged', 'BOOLEAN', (r) => r.trial.leakFlagged],
	['swap_of', 'STRING', (r) => or(r.trial.swapOf), true],
	['gold', 'STRING', (r) => or(r.trial.gold), true],
	['item_id', 'STRING', (r) => r.item.id],
	['item_set_id', 'STRING', (r) => r.item.setId],
	['domain', 'STRING', (r) => or(r.item.domain), true],
	['traits', 'JSON', (r) => json(r.item.traits)],
	['tags', 'JSON', (r) => json(r.item.tags)],
	['system', 'STRING', (r) => or(r.item.system), true],
	['prompt', 'STRING', (r) => r.item.turns[0] ?? ''],
	['turns', 'JSON', (r) => json(r.item.turns)],
	['turn_count', 'INT32', (r) => r.item.turns.length],
	['rater_note', 'STRING', (r) => or(r.item.raterNote), true],
	['reference', 'STRING', (r) => or(r.item.reference), true],
	['overall', 'STRING', (r) => r.overall, true],
	['skip_reason', 'STRING', (r) => r.skipReason, true],
	['winner_side', 'STRING', (r) => or(r.winner?.side), true],
	['winner_endpoint_id', 'STRING', (r) => or(r.winner?.endpointId), true],
	['winner_label', 'STRING', (r) => or(r.winner?.label), true],
	['winner_role', 'STRING', (r) => or(r.winner?.role), true],
	...side('left'),
	...side('right'),
	['trait_choices', 'JSON', (r) => json(r.traitChoices)],
	['rationale', 'STRING', (r) => r.rationale],
	['decision_ms', 'DOUBLE', (r) => r.decisionMs],
	['rater_kind', 'STRING', (r) => r.raterKind ?? 'human'],
	['judge_id', 'STRING', (r) => or(r.judgeId), true],
	['created_at', 'TIMESTAMP', (r) => new Date(r.createdAt)],
	['updated_at', 'TIMESTAMP', (r) => new Date(r.updatedAt)]
];

export interface ParquetColumnData {
	name: string;
	type: ParquetType;
	data: Value[];
	nullable: boolean;
}

/** Gathers records column by column, chunk after chunk. */
export class ParquetColumns {
	readonly #data: Value[][] = PARQUET_COLUMNS.map(() => []);
	rows = 0;

	add(records: readonly JudgmentRecord[]): void {
		PARQUET_COLUMNS.forEach(([, , value], index) => {
			const column = this.#data[index] as Value[];
			for (const record of records) column.push(value(record));
		});
		this.rows += records.length;
	}

	columns(): ParquetColumnData[] {
		return PARQUET_COLUMNS.map(([name, type, , nullable], index) => ({
			name,
			type,
			data: this.#data[index] as Value[],
			nullable: nullable === true
		}));
	}
}
