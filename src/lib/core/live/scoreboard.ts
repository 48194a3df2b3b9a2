// The live arena's running scoreboard, derived from stored judgments alone (never from a counter
// kept in memory), so a reload or a second screen shows the same score. One row for all rounds,
// then one per trait the rounds' prompts probe: a round counts towards each of its traits.
import { BUILTIN_TRAITS, traitLabel, type Judgment } from '../schema';

export interface ScoreRow {
	key: string;
	label: string;
	/** Wins per endpoint id. */
	wins: Record<string, number>;
	ties: number;
	bothBad: number;
	rounds: number;
}

export const ALL_ROUNDS = 'all';

function emptyRow(key: string, label: string, endpointIds: readonly string[]): ScoreRow {
	return {
		key,
		label,
		wins: Object.fromEntries(endpointIds.map((id) => [id, 0])),
		ties: 0,
		bothBad: 0,
		rounds: 0
	};
}

function count(row: ScoreRow, judgment: Judgment): void {
	row.rounds++;
	if (judgment.winnerEndpointId !== null) {
		row.wins[judgment.winnerEndpointId] = (row.wins[judgment.winnerEndpointId] ?? 0) + 1;
	} else if (judgment.overall === 'both-bad') row.bothBad++;
	else row.ties++;
}

function traitOrder(trait: string): number {
	const index = (BUILTIN_TRAITS as readonly string[]).indexOf(trait);
	return index === -1 ? BUILTIN_TRAITS.length : index;
}

export function liveScoreboard(
	judgments: readonly Judgment[],
	items: readonly { id: string; traits: readonly string[] }[],
	endpointIds: readonly string[]
): ScoreRow[] {
	const traitsOf = new Map(items.map((item) => [item.id, item.traits]));
	const all = emptyRow(ALL_ROUNDS, 'All rounds', endpointIds);
	const byTrait = new Map<string, ScoreRow>();
	for (const judgment of judgments) {
		if (judgment.overall === null) continue;
		count(all, judgment);
		for (const trait of traitsOf.get(judgment.itemId) ?? []) {
			let row = byTrait.get(trait);
			if (!row) {
				row = emptyRow(trait, traitLabel(trait), endpointIds);
				byTrait.set(trait, row);
			}
			count(row, judgment);
		}
	}
	const traits = [...byTrait.values()].sort(
		(a, b) => traitOrder(a.key) - traitOrder(b.key) || a.key.localeCompare(b.key)
	);
	return [all, ...traits];
}
