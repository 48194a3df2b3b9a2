// What a judge's two readings of each trial say about the judge itself: how often its preferred
// side survives the swap (position consistency), how often it picks whichever answer came first
// (position bias) and how often the longer answer (length bias). Every figure counts decisive
// readings only and comes with an exact binomial test against one half.
import type { OverallChoice } from '../schema/judgment';
import { binomialTest } from '../stats/binomial';
import { wilsonInterval } from '../stats/wilson';
import type { Interval } from '../stats/types';
import { direction } from './reconcile';

export interface JudgeReadings {
	/** Both readings in screen terms (see reconcile.toScreen). */
	shown: OverallChoice;
	swapped: OverallChoice;
	leftLength: number;
	rightLength: number;
}

export interface Share {
	count: number;
	n: number;
	share: number;
	interval: Interval;
	pValue: number;
}

export interface JudgeBias {
	/** Trials judged in both orders. */
	trials: number;
	/** Trials whose preferred side (or tie / both bad) survived the swap. */
	consistency: Share;
	/** Decisive readings that chose the answer shown first (Answer A). */
	firstPosition: Share;
	/** Decisive readings, on answers of different length, that chose the longer one. */
	longer: Share;
}

function share(count: number, n: number): Share {
	return {
		count,
		n,
		share: n === 0 ? Number.NaN : count / n,
		interval: wilsonInterval(count, n),
		pValue: binomialTest(count, n, 0.5)
	};
}

export function judgeBias(readings: Iterable<JudgeReadings>): JudgeBias {
	let trials = 0;
	let consistent = 0;
	let first = 0;
	let decisive = 0;
	let longer = 0;
	let lengthDecisive = 0;
	for (const reading of readings) {
		trials++;
		if (direction(reading.shown) === direction(reading.swapped)) consistent++;
		// As shown, Answer A sat on the left; swapped, Answer A was the right-hand answer.
		for (const [choice, firstSide] of [
			[reading.shown, 'left'],
			[reading.swapped, 'right']
		] as const) {
			const side = direction(choice);
			if (side !== 'left' && side !== 'right') continue;
			decisive++;
			if (side === firstSide) first++;
			if (reading.leftLength !== reading.rightLength) {
				lengthDecisive++;
				const longerSide = reading.leftLength > reading.rightLength ? 'left' : 'right';
				if (side === longerSide) longer++;
			}
		}
	}
	return {
		trials,
		consistency: { ...share(consistent, trials), pValue: Number.NaN },
		firstPosition: share(first, decisive),
		longer: share(longer, lengthDecisive)
	};
}
