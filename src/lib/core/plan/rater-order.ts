// Each rater sees the plan in an order of their own, seeded by the study seed and the rater id:
// reproducible on any machine (resume after reload or on another device gives the same order),
// different between raters (so order effects average out). A swap re-show comes after the trial
// it repeats, with other trials in between, so the rater judges it afresh rather than from memory.
import { randomInt, seededRandom, shuffle } from '../random/prng';
import type { Trial } from '../schema';

/** Trials between an original and its swap re-show, when the study is big enough for it. */
export const MIN_SWAP_GAP = 3;

type Orderable = Pick<Trial, 'id' | 'kind' | 'position'> & { swapOf?: string };

/**
 * Spreads each stratum evenly over the order, keeping the shuffled order within it: the k-th of a
 * stratum's n trials gets the key (k + u) / n, u a seeded offset per stratum, and the order is by
 * key. Every prefix then holds each stratum in proportion to its size (± one trial), so a design's
 * arms are all judged from the first trials on.
 */
export function stratify<T>(
	order: readonly T[],
	stratumOf: (trial: T) => string,
	random: () => number
): T[] {
	const strata = new Map<string, T[]>();
	for (const trial of order) {
		const key = stratumOf(trial);
		strata.set(key, [...(strata.get(key) ?? []), trial]);
	}
	const names = [...strata.keys()].sort();
	const keyed: { trial: T; key: number; name: string }[] = [];
	for (const name of names) {
		const members = strata.get(name) ?? [];
		const offset = random();
		members.forEach((trial, k) => keyed.push({ trial, key: (k + offset) / members.length, name }));
	}
	keyed.sort((a, b) => a.key - b.key || a.name.localeCompare(b.name));
	return keyed.map(({ trial }) => trial);
}

export function raterOrder<T extends Orderable>(
	trials: readonly T[],
	seed: number,
	raterId: string,
	minGap: number = MIN_SWAP_GAP,
	stratumOf?: (trial: T) => string
): T[] {
	const random = seededRandom('rater-order', seed, raterId);
	const byPosition = [...trials].sort((a, b) => a.position - b.position);
	const shuffled = shuffle(
		byPosition.filter((trial) => trial.kind !== 'swap'),
		random
	);
	const order = stratumOf ? stratify(shuffled, stratumOf, random) : shuffled;
	const swaps = shuffle(
		byPosition.filter((trial) => trial.kind === 'swap'),
		random
	);
	// An original in the last `minGap` places leaves no room after it: move it earlier first.
	const originals = new Set(swaps.map((swap) => swap.swapOf));
	const lastAllowed = order.length - 1 - minGap;
	for (let index = order.length - 1; index > lastAllowed && index >= 0; index--) {
		const held = order[index];
		if (!held || !originals.has(held.id)) continue;
		const free = order
			.map((trial, position) => ({ trial, position }))
			.filter(({ trial, position }) => position <= lastAllowed && !originals.has(trial.id));
		const target = free[randomInt(random, free.length)];
		if (!target) continue;
		order[target.position] = held;
		order[index] = target.trial;
	}
	// Inserting only ever widens the gaps of swaps placed before.
	for (const swap of swaps) {
		const original = order.findIndex((trial) => trial.id === swap.swapOf);
		const earliest = original + 1 + minGap;
		if (original < 0 || earliest > order.length) {
			order.push(swap);
			continue;
		}
		order.splice(earliest + randomInt(random, order.length - earliest + 1), 0, swap);
	}
	return order;
}
