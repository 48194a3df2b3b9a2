// Battles in the shape of Chatbot Arena's cleaned battle files (FastChat
// `fastchat/serve/monitor/clean_battle_data.py` output, read by `elo_analysis.py
// --clean-battle-file`): a JSON array of {model_a, model_b, winner, judge, turn, anony,
// language, tstamp, question_id, conversation_a, conversation_b}, plus `conv_metadata` so its
// `--style-control` runs too. Model names are endpoint labels (unique per study, unlike model
// ids). Attention checks, skipped trials and identity-leak-flagged trials are left out, as the
// arena drops battles whose answers leak a model name. By default the battles are exactly the
// votes the app's own analysis counts, so FastChat's ratings agree with the app's: swap re-shows
// (a rater's second look at a trial) are left out, and so are "both bad" verdicts, which the app
// keeps out of every statistic while FastChat's Elo code would count them as ties. Options put
// either back.
import type { Message } from '../schema/response';
import type { JudgmentRecord } from './judgment-record';

export type BattleWinner = 'model_a' | 'model_b' | 'tie' | 'tie (bothbad)';

export interface BattleMessage {
	role: 'user' | 'assistant';
	content: string;
}

export interface ConvMetadata {
	sum_assistant_a_tokens: number;
	header_count_a: Record<string, number>;
	list_count_a: Record<string, number>;
	bold_count_a: Record<string, number>;
	sum_assistant_b_tokens: number;
	header_count_b: Record<string, number>;
	list_count_b: Record<string, number>;
	bold_count_b: Record<string, number>;
}

export interface Battle {
	question_id: string;
	model_a: string;
	model_b: string;
	winner: BattleWinner;
	judge: string;
	conversation_a: BattleMessage[];
	conversation_b: BattleMessage[];
	turn: number;
	anony: boolean;
	language: string;
	/** Unix time in seconds, as the arena logs it. */
	tstamp: number;
	conv_metadata: ConvMetadata;
	/** Trait Arena extras (ignored by FastChat): where the battle came from. */
	study_id: string;
	judgment_id: string;
}

const WINNERS: Record<string, BattleWinner> = {
	'left-much-better': 'model_a',
	'left-better': 'model_a',
	tie: 'tie',
	'right-better': 'model_b',
	'right-much-better': 'model_b',
	'both-bad': 'tie (bothbad)'
};

function conversation(transcript: readonly Message[]): BattleMessage[] {
	return transcript
		.filter((message) => message.role !== 'system')
		.map((message) => ({
			role: message.role === 'user' ? 'user' : 'assistant',
			content: message.content
		}));
}

/** Markdown style counts as FastChat's `add_markdown_info.py` records them. */
export function markdownCounts(text: string): {
	header: Record<string, number>;
	list: Record<string, number>;
	bold: Record<string, number>;
} {
	const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
	const header: Record<string, number> = {};
	for (let level = 1; level <= 6; level++) {
		header[`h${level}`] = count(new RegExp(`^#{${level}}\\s`, 'gm'));
	}
	return {
		header,
		list: { ordered: count(/^\s*\d+\.\s/gm), unordered: count(/^\s*[-*+]\s/gm) },
		bold: { '**': count(/\*\*[^*\n]+\*\*/g), __: count(/__[^_\n]+__/g) }
	};
}

function assistantText(transcript: readonly Message[]): string {
	return transcript
		.filter((message) => message.role === 'assistant')
		.map((message) => message.content)
		.join('\n');
}

/** Completion tokens when the server reported them, else ~4 characters per token. */
function tokens(side: JudgmentRecord['left']): number {
	return (
		side.response.usage?.completionTokens ??
		Math.ceil(assistantText(side.response.transcript).length / 4)
	);
}

export interface BattlesOptions {
	/** Also write swap re-shows (default false: they repeat a rater's own trial). */
	includeSwaps?: boolean;
	/** Also write "both bad" as 'tie (bothbad)' (default false: no preference either way). */
	includeBothBad?: boolean;
}

export function toBattle(record: JudgmentRecord, options: BattlesOptions = {}): Battle | undefined {
	const { trial, overall } = record;
	if (overall === null || trial.kind === 'attention' || trial.leakFlagged) return undefined;
	if (trial.kind === 'swap' && !options.includeSwaps) return undefined;
	if (overall === 'both-bad' && !options.includeBothBad) return undefined;
	const winner = WINNERS[overall];
	if (!winner) return undefined;
	const a = record.left;
	const b = record.right;
	const styleA = markdownCounts(assistantText(a.response.transcript));
	const styleB = markdownCounts(assistantText(b.response.transcript));
	return {
		question_id: record.item.id,
		model_a: a.endpoint.label,
		model_b: b.endpoint.label,
		winner,
		judge: record.raterId,
		conversation_a: conversation(a.response.transcript),
		conversation_b: conversation(b.response.transcript),
		turn: record.item.turns.length,
		anony: true,
		language: 'unknown',
		tstamp: Date.parse(record.createdAt) / 1000,
		conv_metadata: {
			sum_assistant_a_tokens: tokens(a),
			header_count_a: styleA.header,
			list_count_a: styleA.list,
			bold_count_a: styleA.bold,
			sum_assistant_b_tokens: tokens(b),
			header_count_b: styleB.header,
			list_count_b: styleB.list,
			bold_count_b: styleB.bold
		},
		study_id: record.study.id,
		judgment_id: record.id
	};
}

/**
 * Writes battles as one JSON array in chunks (begin, write per chunk, end). Each battle sits on
 * its own line, so the file stays readable and diffable.
 */
export class BattlesWriter {
	count = 0;

	constructor(private readonly options: BattlesOptions = {}) {}

	begin(): string {
		return '[';
	}

	write(records: readonly JudgmentRecord[]): string {
		let text = '';
		for (const record of records) {
			const battle = toBattle(record, this.options);
			if (!battle) continue;
			text += `${this.count > 0 ? ',' : ''}\n${JSON.stringify(battle)}`;
			this.count++;
		}
		return text;
	}

	end(): string {
		return this.count > 0 ? '\n]\n' : ']\n';
	}
}

export function recordsToBattles(
	records: readonly JudgmentRecord[],
	options: BattlesOptions = {}
): string {
	const writer = new BattlesWriter(options);
	return writer.begin() + writer.write(records) + writer.end();
}
