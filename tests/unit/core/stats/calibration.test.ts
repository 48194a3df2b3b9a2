// Calibration of the default test and interval (cluster-robust by prompt, t on G − 1 df) on
// simulated studies like the ones that showed the naive test's problem: 15 prompts × 7 votes,
// prompt SD 1.0 on the logit scale. 4,000 studies put the standard error of a 5% rate near
// 0.35 points, so the [3%, 7%] and [93%, 97%] bands are about six standard errors wide.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/core/random/prng';
import { clusteredMean, naiveMean, normalPValue } from '$lib/core/stats/cluster';
import { simulateStudy, trueWinRate, type StudyDesign } from './simulated-study';

const STUDIES = 4000;
const NULL: StudyDesign = {
	items: 15,
	raters: 7,
	repeats: 1,
	baseLogit: 0,
	itemSd: 1,
	tieRate: 0.15
};

function rates(design: StudyDesign, seed: string) {
	const random = seededRandom('calibration', seed);
	const truth = trueWinRate(design);
	let rejected = 0;
	let naiveRejected = 0;
	let covered = 0;
	for (let study = 0; study < STUDIES; study++) {
		const votes = simulateStudy(design, random);
		const result = clusteredMean(votes);
		if (result.pValue < 0.05) rejected++;
		if (result.interval.lower <= truth && truth <= result.interval.upper) covered++;
		const naive = naiveMean(votes.map((vote) => vote.score));
		if (normalPValue(naive.mean, naive.se) < 0.05) naiveRejected++;
	}
	return {
		falsePositive: rejected / STUDIES,
		naiveFalsePositive: naiveRejected / STUDIES,
		coverage: covered / STUDIES
	};
}

// Bounded work (well under a second alone); the timeout only absorbs a loaded CI machine.
describe('calibration under clustering (seeded simulation)', { timeout: 30_000 }, () => {
	it('keeps the false-positive rate at 3–7% under the null, where the naive test does not', () => {
		const { falsePositive, naiveFalsePositive, coverage } = rates(NULL, 'null');
		expect(falsePositive).toBeGreaterThanOrEqual(0.03);
		expect(falsePositive).toBeLessThanOrEqual(0.07);
		expect(coverage).toBeGreaterThanOrEqual(0.93);
		// Treating the 105 votes as independent rejects far more often than 5%.
		expect(naiveFalsePositive).toBeGreaterThan(0.1);
	});

	it('covers the true win rate 93–97% of the time when there is an effect', () => {
		const design = { ...NULL, items: 24, raters: 4, repeats: 2, baseLogit: 0.4 };
		const { coverage } = rates(design, 'effect');
		expect(coverage).toBeGreaterThanOrEqual(0.93);
		expect(coverage).toBeLessThanOrEqual(0.97);
	});
});
