import { describe, expect, it } from 'vitest';
import { monitoring } from '$lib/core/analysis/monitoring';
import { summarize } from '$lib/core/stats/summary';
import type { Outcome, Vote } from '$lib/core/stats/types';

function votes(items: number, pattern: Outcome[]): Vote[] {
	const list: Vote[] = [];
	for (let item = 0; item < items; item++) {
		pattern.forEach((outcome, index) =>
			list.push({
				itemId: `i${item}`,
				raterId: `r${index}`,
				outcome: item % 5 === 0 && index === 0 ? 'loss' : outcome,
				leftWasTrained: index % 2 === 0,
				categories: ['trait:a']
			})
		);
	}
	return list;
}

describe('monitoring rows', () => {
	it('are wider than the fixed-n interval and decide only when they exclude 50%', () => {
		const strong = summarize(votes(40, ['win', 'win', 'win', 'tie', 'loss']), {
			primary: new Set(['overall'])
		});
		const result = monitoring([strong.overall], 0.05);
		const [row] = result.rows;
		expect(row?.interval.lower).toBeLessThan(strong.overall.interval.lower);
		expect(row?.interval.upper).toBeGreaterThan(strong.overall.interval.upper);
		expect(row?.state).toBe('better');
		expect(result.alpha).toBe(0.05);
	});

	it('split α over the family and wait for enough prompts', () => {
		const few = summarize(votes(6, ['win', 'win', 'loss']), {
			primary: new Set(['overall', 'trait:a'])
		});
		const result = monitoring([few.overall, ...few.categories], 0.05);
		expect(result.alpha).toBe(0.025);
		expect(result.rows.map((row) => row.state)).toEqual(['not-enough-data', 'not-enough-data']);
	});
});
