import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planTrials } from '$lib/core/plan/plan-trials';
import { MIN_SWAP_GAP, raterOrder } from '$lib/core/plan/rater-order';
import { makeItem, makeStudy } from '../../factories';

function plan(count: number, swapShare: number, seed = 1) {
	const items = Array.from({ length: count }, (_, index) => makeItem({ id: `item-${index}` }));
	const study = makeStudy({
		seed,
		itemIds: items.map((item) => item.id),
		quality: { attentionShare: 0.1, swapShare, leakTerms: [] }
	});
	return planTrials(study, items);
}

describe('raterOrder', () => {
	it('is reproducible for the same rater and differs between raters', () => {
		const trials = plan(30, 0.2);
		const ada = raterOrder(trials, 42, 'ada').map((trial) => trial.id);
		expect(raterOrder(trials, 42, 'ada').map((trial) => trial.id)).toEqual(ada);
		expect(raterOrder([...trials].reverse(), 42, 'ada').map((trial) => trial.id)).toEqual(ada);
		expect(raterOrder(trials, 42, 'bob').map((trial) => trial.id)).not.toEqual(ada);
		expect([...ada].sort()).toEqual(trials.map((trial) => trial.id).sort());
	});

	it('puts every swap re-show after its original, with other trials in between', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 8, max: 60 }),
				fc.double({ min: 0, max: 0.5, noNaN: true }),
				fc.string(),
				(count, share, rater) => {
					const order = raterOrder(plan(count, share, count), 7, rater);
					const index = new Map(order.map((trial, position) => [trial.id, position]));
					for (const trial of order) {
						if (trial.kind !== 'swap') continue;
						const original = index.get(trial.swapOf ?? '') ?? Infinity;
						const own = index.get(trial.id) ?? -1;
						expect(own).toBeGreaterThan(original + MIN_SWAP_GAP);
					}
				}
			)
		);
	});

	it('still places a swap after its original when the study is too small for the gap', () => {
		const trials = plan(2, 0.5);
		const order = raterOrder(trials, 1, 'ada');
		const swap = order.findIndex((trial) => trial.kind === 'swap');
		const original = order.findIndex((trial) => trial.id === order[swap]?.swapOf);
		expect(swap).toBeGreaterThan(original);
	});
});
