// Safe peeking: a researcher who looks after every 10 judgments and stops as soon as the
// interval excludes 50% must still err at most 5% of the time under the null. Seeded simulation.
import { describe, expect, it } from 'vitest';
import { seededRandom, shuffle } from '$lib/core/random/prng';
import { clusteredMean } from '$lib/core/stats/cluster';
import { confidenceSequence } from '$lib/core/stats/confidence-sequence';
import { simulateStudy } from './simulated-study';

const STUDIES = 600;
const DESIGN = { items: 30, raters: 6, repeats: 2, baseLogit: 0, itemSd: 1, tieRate: 0.15 };
const PLANNED = 360;

function monitor(stopRule: (votes: ReturnType<typeof simulateStudy>) => boolean, seed: string) {
	const random = seededRandom('monitoring', seed);
	let stoppedEarly = 0;
	for (let study = 0; study < STUDIES; study++) {
		// Judgments arrive in random order, as raters work through their queues.
		const arrivals = shuffle(simulateStudy(DESIGN, random), random);
		for (let seen = 20; seen <= arrivals.length; seen += 10) {
			if (stopRule(arrivals.slice(0, seen))) {
				stoppedEarly++;
				break;
			}
		}
	}
	return stoppedEarly / STUDIES;
}

// Bounded work (about a second alone); the timeout only absorbs a loaded CI machine.
describe('continuous monitoring under the null', { timeout: 30_000 }, () => {
	it('the anytime-valid interval keeps the error at or below 5% over every look', () => {
		const rate = monitor((votes) => {
			const result = clusteredMean(votes);
			const interval = confidenceSequence(result.mean, result.n, result.variance, result.items, {
				alpha: 0.05,
				plannedVotes: PLANNED
			});
			return interval.lower > 0.5 || interval.upper < 0.5;
		}, 'sequence');
		expect(rate).toBeLessThanOrEqual(0.05);
	});

	it('the fixed-n interval, peeked at the same way, errs far more often', () => {
		const rate = monitor((votes) => clusteredMean(votes).pValue < 0.05, 'fixed');
		expect(rate).toBeGreaterThan(0.1);
	});
});
