// Length and position control against statsmodels' Logit (tests/fixtures/stats/length_control.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { styleControl } from '$lib/core/stats/style-control';

const read = (name: string) =>
	JSON.parse(readFileSync(new URL(`../../../fixtures/stats/${name}`, import.meta.url), 'utf8'));
const reference = read('length_control.json');
const dataset = (
	read('clustered.json') as {
		datasets: {
			name: string;
			votes: { item: number[]; score: number[]; left: number[]; charsDiff: number[] };
		}[];
	}
).datasets.find((entry) => entry.name === reference.dataset);

const ITERATIVE = 1e-6;

describe('style control (length and position)', () => {
	const { item, score, left, charsDiff } = dataset?.votes ?? {
		item: [],
		score: [],
		left: [],
		charsDiff: []
	};
	const result = styleControl(
		score.map((value, index) => ({
			itemId: `i${item[index]}`,
			score: value,
			charsDiff: charsDiff[index] ?? 0,
			aOnLeft: left[index] === 1
		}))
	);

	it('fits the same coefficients and standard errors, model-based and clustered by prompt', () => {
		expect(result.nDecisive).toBe(reference.nDecisive);
		result.coef.forEach((value, index) =>
			expect(Math.abs(value - reference.coef[index])).toBeLessThan(ITERATIVE)
		);
		result.se.forEach((value, index) =>
			expect(Math.abs(value - reference.se[index])).toBeLessThan(ITERATIVE)
		);
		result.seClustered.forEach((value, index) =>
			expect(Math.abs(value - reference.seClusterItem[index])).toBeLessThan(ITERATIVE)
		);
	});

	it('reads the win rate at equal length with the position averaged out', () => {
		expect(Math.abs(result.winRate - reference.lengthControlledWinProb)).toBeLessThan(ITERATIVE);
		const clustered = reference.lengthControlledDelta.clusterItem.ci95;
		expect(Math.abs(result.interval.lower - clustered[0])).toBeLessThan(ITERATIVE);
		expect(Math.abs(result.interval.upper - clustered[1])).toBeLessThan(ITERATIVE);
		const naive = reference.lengthControlledDelta.ci95;
		expect(Math.abs(result.naiveInterval.lower - naive[0])).toBeLessThan(ITERATIVE);
		expect(Math.abs(result.naiveInterval.upper - naive[1])).toBeLessThan(ITERATIVE);
	});
});
