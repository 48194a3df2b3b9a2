// Anytime-valid intervals for the primary hypotheses, shown apart from the fixed-n figures: a
// researcher may look after every judgment and stop when one excludes 50%. The family is
// covered by Bonferroni (α/m each; Holm has no simple sequential form), and the boundary is tuned
// to the planned size under the default assumptions, fixed before any data arrive.
import { confidenceSequence, MIN_SEQUENCE_ITEMS } from '../stats/confidence-sequence';
import type { CategoryResult } from '../stats/summary';
import type { Interval } from '../stats/types';
import { requiredJudgments } from './power-plan';

export interface MonitoringRow {
	category: string;
	judged: number;
	interval: Interval;
	/** 'better' / 'worse' once the interval excludes 50%; 'not-enough-data' below the minimum. */
	state: 'better' | 'worse' | 'undecided' | 'not-enough-data';
}

export interface Monitoring {
	/** Per hypothesis: α / m. */
	alpha: number;
	plannedVotes: number;
	minItems: number;
	rows: MonitoringRow[];
}

export function monitoring(primary: readonly CategoryResult[], familyAlpha: number): Monitoring {
	const m = Math.max(1, primary.length);
	const alpha = familyAlpha / m;
	const plannedVotes = requiredJudgments({ alpha: familyAlpha }, m);
	return {
		alpha,
		plannedVotes,
		minItems: MIN_SEQUENCE_ITEMS,
		rows: primary.map((row) => {
			const interval = confidenceSequence(row.winRate, row.judged, row.se * row.se, row.items, {
				alpha,
				plannedVotes
			});
			const state = Number.isNaN(interval.lower)
				? 'not-enough-data'
				: interval.lower > 0.5
					? 'better'
					: interval.upper < 0.5
						? 'worse'
						: 'undecided';
			return { category: row.category, judged: row.judged, interval, state };
		})
	};
}
