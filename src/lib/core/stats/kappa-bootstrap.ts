// Cohen's kappa with a 95% interval that respects clustering: pairs of labels on the same item
// share its difficulty, so the interval resamples whole items (with replacement, items in id
// order, generator seeded by the caller) and takes percentiles of the pooled kappa.
import { cohenKappa, type KappaResult, type Label } from './kappa';
import { quantile } from './quantile';
import type { Interval, RandomSource } from './types';

export interface LabelPair {
	itemId: string;
	a: Label;
	b: Label;
}

export interface ClusteredKappa extends KappaResult {
	/** NaN bounds with fewer than two items or when kappa is undefined. */
	interval: Interval;
	items: number;
}

export function clusteredKappa(
	pairs: readonly LabelPair[],
	random: RandomSource,
	resamples = 1000,
	level = 0.95
): ClusteredKappa {
	const point = cohenKappa(pairs.map((pair) => [pair.a, pair.b] as const));
	const byItem = new Map<string, (readonly [Label, Label])[]>();
	for (const { itemId, a, b } of pairs) {
		let list = byItem.get(itemId);
		if (!list) byItem.set(itemId, (list = []));
		list.push([a, b]);
	}
	const groups = [...byItem.keys()].sort().map((key) => byItem.get(key) ?? []);
	const none = { lower: Number.NaN, upper: Number.NaN };
	if (groups.length < 2 || Number.isNaN(point.kappa))
		return { ...point, interval: none, items: groups.length };
	const stats: number[] = [];
	for (let b = 0; b < resamples; b++) {
		const drawn: (readonly [Label, Label])[] = [];
		for (let draw = 0; draw < groups.length; draw++) {
			drawn.push(...(groups[Math.floor(random() * groups.length)] ?? []));
		}
		const kappa = cohenKappa(drawn).kappa;
		// A resample where both raters used one label has no kappa; it says nothing either way.
		if (!Number.isNaN(kappa)) stats.push(kappa);
	}
	const tail = (1 - level) / 2;
	const interval =
		stats.length === 0 ? none : { lower: quantile(stats, tail), upper: quantile(stats, 1 - tail) };
	return { ...point, interval, items: groups.length };
}
