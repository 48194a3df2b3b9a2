import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planTrials } from '$lib/core/plan/plan-trials';
import { raterOrder, stratify } from '$lib/core/plan/rater-order';
import { armOf, STEER_ARMS } from '$lib/core/plan/recipes';
import { seededRandom } from '$lib/core/random/prng';
import { makeItem, makeStudy } from '../../factories';

describe('stratify', () => {
	it('keeps every prefix in proportion to each stratum size', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }),
				fc.integer({ min: 0, max: 1000 }),
				(sizes, seed) => {
					const trials = sizes.flatMap((size, s) =>
						Array.from({ length: size }, (_, k) => ({ id: `${s}-${k}`, stratum: `s${s}` }))
					);
					const order = stratify(trials, (t) => t.stratum, seededRandom('t', seed, 'x'));
					expect([...order].map((t) => t.id).sort()).toEqual(trials.map((t) => t.id).sort());
					const total = trials.length;
					sizes.forEach((size, s) => {
						// Within a stratum the incoming order is kept.
						const own = order.filter((t) => t.stratum === `s${s}`).map((t) => t.id);
						expect(own).toEqual(trials.filter((t) => t.stratum === `s${s}`).map((t) => t.id));
						let seen = 0;
						order.forEach((trial, index) => {
							if (trial.stratum === `s${s}`) seen++;
							const expected = ((index + 1) * size) / total;
							expect(Math.abs(seen - expected)).toBeLessThan(1 + (sizes.length * size) / total);
						});
					});
				}
			)
		);
	});
});

describe('rater order stratified by arms', () => {
	const tagsFor = (index: number) =>
		index < 20 ? ['pressure'] : index < 26 ? ['harmful-steer'] : ['helpful-steer'];
	const items = Array.from({ length: 30 }, (_, index) =>
		makeItem({ id: `item-${String(index).padStart(2, '0')}`, tags: tagsFor(index) })
	);
	const study = makeStudy({
		seed: 9,
		itemIds: items.map((item) => item.id),
		quality: { attentionShare: 0, swapShare: 0.2, leakTerms: [] }
	});
	const trials = planTrials(study, items);
	const byId = new Map(items.map((item) => [item.id, item]));
	const arm = (trial: { itemId: string }) =>
		armOf(byId.get(trial.itemId) ?? { traits: [], tags: [] }, STEER_ARMS);

	it('every arm is judged within the first trials, for every rater, reproducibly', () => {
		for (const rater of ['ada', 'bob', 'cy', 'dee', 'eve']) {
			const order = raterOrder(trials, study.seed, rater, 3, arm);
			expect(raterOrder(trials, study.seed, rater, 3, arm).map((t) => t.id)).toEqual(
				order.map((t) => t.id)
			);
			// Arms of 20, 6 and 4 items: the smallest is first judged within 30 / 4 + 1 originals.
			const originals = order.filter((t) => t.kind !== 'swap');
			for (const [name, size] of [
				['tag:pressure', 20],
				['tag:harmful-steer', 6],
				['tag:helpful-steer', 4]
			] as const) {
				expect(originals.findIndex((t) => arm(t) === name)).toBeLessThan(30 / size + 1);
			}
			expect(order).toHaveLength(trials.length);
		}
	});

	it('without arms the order is the unstratified one (existing studies keep their order)', () => {
		const plain = raterOrder(trials, study.seed, 'ada').map((t) => t.id);
		expect(raterOrder(trials, study.seed, 'ada', 3, undefined).map((t) => t.id)).toEqual(plain);
	});
});

describe('armOf', () => {
	it('takes the first arm the item carries, else other', () => {
		const item = { traits: ['fairness'], tags: ['pressure', 'harmful-steer'], domain: 'law' };
		expect(armOf(item, STEER_ARMS)).toBe('tag:harmful-steer');
		expect(armOf(item, ['trait:fairness'])).toBe('trait:fairness');
		expect(armOf({ ...item, tags: [] }, STEER_ARMS)).toBe('other');
	});
});

describe('listed pairings', () => {
	it('keeps each named pair once, in order, and ignores pairs outside the study', async () => {
		const { studyPairs } = await import('$lib/core/plan/plan-trials');
		expect(
			studyPairs({
				endpointIds: ['a', 'b', 'c'],
				pairing: 'listed',
				pairs: [
					['c', 'a'],
					['a', 'c'],
					['a', 'a'],
					['a', 'z'],
					['b', 'c']
				]
			})
		).toEqual([
			['c', 'a'],
			['b', 'c']
		]);
	});
});
