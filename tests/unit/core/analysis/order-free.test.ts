// Same data, same numbers: the analysis puts records in one canonical order first, and its
// bootstraps draw prompts in id order from a seeded generator, so shuffling the input — as a
// different export, a merged file or another tab's read order would — changes nothing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeStudy, canonicalOrder } from '$lib/core/analysis/analyze';
import { buildJudgmentRecord } from '$lib/core/codecs/judgment-record';
import { syntheticWorld, worldContexts } from './synthetic';

const records = [...worldContexts(syntheticWorld({ judgments: 150, items: 10, endpoints: 3 }))].map(
	buildJudgmentRecord
);

describe('order-free analysis', () => {
	const reference = analyzeStudy(records, { resamples: 20 });

	it('gives identical output for any order of the same records', () => {
		fc.assert(
			fc.property(
				fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
				(shuffled) => {
					expect(analyzeStudy(shuffled, { resamples: 20 })).toEqual(reference);
				}
			),
			{ numRuns: 8 }
		);
	});

	it('includes agreement and the bootstraps, which used to follow input order', () => {
		const reversed = analyzeStudy([...records].reverse(), { resamples: 20 });
		const [first] = reference.comparisons;
		expect(first?.agreement.sharedItems).toBeGreaterThan(0);
		expect(reversed.comparisons[0]?.agreement).toEqual(first?.agreement);
		expect(reversed.comparisons[0]?.checks.itemBootstrap).toEqual(first?.checks.itemBootstrap);
		expect(reversed.ratings).toEqual(reference.ratings);
	});

	it('orders by creation time, then id', () => {
		const ordered = canonicalOrder([...records].reverse());
		for (let index = 1; index < ordered.length; index++) {
			const [x, y] = [ordered[index - 1], ordered[index]];
			if (!x || !y) continue;
			expect(x.createdAt < y.createdAt || (x.createdAt === y.createdAt && x.id < y.id)).toBe(true);
		}
	});
});
