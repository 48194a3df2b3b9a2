import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { balancedBlocks, planTrials, studyPairs } from '$lib/core/plan/plan-trials';
import { degradedResponseId, responseId } from '$lib/core/plan/response-id';
import { seededRandom } from '$lib/core/random/prng';
import { TrialSchema, type Study, type Trial } from '$lib/core/schema';
import { responseId as repoResponseId } from '$lib/db/repos/responses';
import { makeItem, makeStudy } from '../../factories';

function itemsFor(count: number) {
	return Array.from({ length: count }, (_, index) => makeItem({ id: `item-${index + 1}` }));
}

function studyWith(count: number, overrides: Partial<Study> = {}): Study {
	return makeStudy({ itemIds: itemsFor(count).map((item) => item.id), ...overrides });
}

function leftCounts(trials: readonly Trial[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const trial of trials) {
		counts.set(trial.leftEndpointId, (counts.get(trial.leftEndpointId) ?? 0) + 1);
	}
	return counts;
}

describe('planTrials', () => {
	it('sits each endpoint on the left in 50 ± 2 of 100 trials', () => {
		for (const seed of [1, 42, 7_777, 123_456_789]) {
			const trials = planTrials(studyWith(100, { seed }), itemsFor(100));
			expect(trials).toHaveLength(100);
			const counts = leftCounts(trials);
			for (const endpoint of ['ep-baseline', 'ep-trained']) {
				expect(Math.abs((counts.get(endpoint) ?? 0) - 50), `seed ${seed}`).toBeLessThanOrEqual(2);
			}
		}
	});

	it('keeps every prefix of the plan within one of an even split (blocks of two)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(), (count, seed) => {
				const trials = planTrials(studyWith(count, { seed }), itemsFor(count));
				let baselineLeft = 0;
				trials.forEach((trial, index) => {
					if (trial.leftEndpointId === 'ep-baseline') baselineLeft++;
					const evenSplit = (index + 1) / 2;
					expect(Math.abs(baselineLeft - evenSplit)).toBeLessThanOrEqual(1);
				});
			})
		);
	});

	it('randomises sides per trial rather than alternating', () => {
		const trials = planTrials(studyWith(40, { seed: 9 }), itemsFor(40));
		const pattern = trials.map((trial) => (trial.leftEndpointId === 'ep-baseline' ? 'B' : 'T'));
		expect(pattern.join('')).not.toBe('BT'.repeat(20));
		expect(pattern.join('')).not.toBe('TB'.repeat(20));
	});

	it('is deterministic from the seed and changes with it', () => {
		const items = itemsFor(30);
		const first = planTrials(studyWith(30, { seed: 5 }), items);
		expect(planTrials(studyWith(30, { seed: 5 }), items)).toEqual(first);
		expect(planTrials(studyWith(30, { seed: 6 }), items)).not.toEqual(first);
	});

	it('plans pairs × items × repeats, naming responses with the shared id formula', () => {
		const study = studyWith(3, {
			endpointIds: ['a', 'b', 'c'],
			baselineEndpointId: 'a',
			pairing: 'all-pairs',
			repeats: 2
		});
		const trials = planTrials(study, itemsFor(3));
		expect(trials).toHaveLength(3 * 3 * 2);
		for (const trial of trials) {
			expect(TrialSchema.safeParse(trial).success).toBe(true);
			expect(trial.leftResponseId).toBe(responseId(study.id, trial.itemId, trial.leftEndpointId));
			expect(trial.rightResponseId).toBe(
				repoResponseId(study.id, trial.itemId, trial.rightEndpointId)
			);
		}
		expect(new Set(trials.map((trial) => trial.id)).size).toBe(trials.length);
		expect(trials.map((trial) => trial.position)).toEqual(trials.map((_, index) => index));
	});

	it('pairs each endpoint with the baseline, or every two endpoints', () => {
		const base = { endpointIds: ['a', 'b', 'c'], baselineEndpointId: 'b' };
		expect(studyPairs({ ...base, pairing: 'each-vs-baseline' })).toEqual([
			['b', 'a'],
			['b', 'c']
		]);
		expect(studyPairs({ ...base, pairing: 'all-pairs' })).toEqual([
			['a', 'b'],
			['a', 'c'],
			['b', 'c']
		]);
	});

	it('balances every endpoint within its pairs in an all-pairs study', () => {
		const study = studyWith(20, {
			endpointIds: ['a', 'b', 'c', 'd'],
			pairing: 'all-pairs',
			seed: 3
		});
		const trials = planTrials(study, itemsFor(20));
		const counts = leftCounts(trials);
		// Each endpoint is in 3 pairs × 20 items = 60 trials.
		for (const endpoint of ['a', 'b', 'c', 'd']) {
			expect(Math.abs((counts.get(endpoint) ?? 0) - 30)).toBeLessThanOrEqual(2);
		}
	});

	it('adds swap re-shows and attention checks as the configured shares', () => {
		const study = studyWith(40, {
			quality: { attentionShare: 0.1, swapShare: 0.25, leakTerms: [] }
		});
		const trials = planTrials(study, itemsFor(40));
		const main = trials.filter((trial) => trial.kind === 'main');
		const swaps = trials.filter((trial) => trial.kind === 'swap');
		const checks = trials.filter((trial) => trial.kind === 'attention');
		expect(main).toHaveLength(40);
		expect(swaps).toHaveLength(10);
		expect(checks).toHaveLength(4);
		for (const trial of trials) expect(TrialSchema.safeParse(trial).success).toBe(true);

		const byId = new Map(trials.map((trial) => [trial.id, trial]));
		for (const swap of swaps) {
			const original = byId.get(swap.swapOf ?? '');
			expect(original?.kind).toBe('main');
			expect(swap.leftEndpointId).toBe(original?.rightEndpointId);
			expect(swap.rightEndpointId).toBe(original?.leftEndpointId);
			expect(swap.leftResponseId).toBe(original?.rightResponseId);
		}
		expect(new Set(swaps.map((swap) => swap.swapOf)).size).toBe(swaps.length);

		for (const check of checks) {
			const goldSide = check.gold === 'left' ? 'left' : 'right';
			const other = goldSide === 'left' ? 'right' : 'left';
			const gold = responseId(study.id, check.itemId, check[`${goldSide}EndpointId`]);
			const degraded = degradedResponseId(
				responseId(study.id, check.itemId, check[`${other}EndpointId`])
			);
			expect(check[`${goldSide}ResponseId`]).toBe(gold);
			expect(check[`${other}ResponseId`]).toBe(degraded);
		}
		expect(checks.filter((check) => check.gold === 'left')).toHaveLength(2);
	});

	it('keeps swaps and attention checks balanced across sides too', () => {
		const study = studyWith(100, {
			quality: { attentionShare: 0.1, swapShare: 0.2, leakTerms: [] },
			seed: 11
		});
		const trials = planTrials(study, itemsFor(100));
		for (const kind of ['main', 'swap', 'attention'] as const) {
			const ofKind = trials.filter((trial) => trial.kind === kind);
			const baselineLeft = ofKind.filter((trial) => trial.leftEndpointId === 'ep-baseline').length;
			expect(Math.abs(baselineLeft - ofKind.length / 2), kind).toBeLessThanOrEqual(1);
		}
		const total = leftCounts(trials).get('ep-baseline') ?? 0;
		expect(Math.abs(total - trials.length / 2)).toBeLessThanOrEqual(2);
	});

	it('refuses a study whose items were not all provided', () => {
		expect(() => planTrials(studyWith(3), itemsFor(2))).toThrow(/not provided/);
	});
});

describe('balancedBlocks', () => {
	it('holds one of each orientation in every block of two', () => {
		const blocks = balancedBlocks(50, seededRandom('blocks'));
		for (let index = 0; index < 50; index += 2) expect(blocks[index]).toBe(!blocks[index + 1]);
	});
});
