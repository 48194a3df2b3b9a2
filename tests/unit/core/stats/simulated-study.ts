// Simulated pairwise studies for the calibration and monitoring tests: prompts with random
// difficulty on the logit scale (SD `itemSd`), raters judging every prompt `repeats` times,
// prompt-specific tie rates. The true win rate (mean score over the prompt population) is
// computed by quadrature, so interval coverage can be checked against it.
import type { Random } from '$lib/core/random/prng';
import type { ScoredVote } from '$lib/core/stats/cluster';
import { normalQuantile, sigmoid } from '$lib/core/stats/special-functions';

export interface StudyDesign {
	items: number;
	raters: number;
	repeats: number;
	baseLogit: number;
	itemSd: number;
	tieRate: number;
}

export function gaussian(random: Random): number {
	// Inverse-CDF draw: one uniform per normal, no state carried between calls.
	const u = random();
	return normalQuantile(u === 0 ? Number.MIN_VALUE : u);
}

export function simulateStudy(design: StudyDesign, random: Random): ScoredVote[] {
	const votes: ScoredVote[] = [];
	for (let item = 0; item < design.items; item++) {
		const effect = design.baseLogit + design.itemSd * gaussian(random);
		for (let rater = 0; rater < design.raters; rater++) {
			for (let repeat = 0; repeat < design.repeats; repeat++) {
				const score = random() < design.tieRate ? 0.5 : random() < sigmoid(effect) ? 1 : 0;
				votes.push({ itemId: `i${item}`, raterId: `r${rater}`, score });
			}
		}
	}
	return votes;
}

/** E[score] = tie/2 + (1 − tie)·E[σ(base + sd·Z)], by the midpoint rule on Φ⁻¹ (10⁴ nodes). */
export function trueWinRate(design: StudyDesign): number {
	const nodes = 10_000;
	let sum = 0;
	for (let k = 0; k < nodes; k++) {
		sum += sigmoid(design.baseLogit + design.itemSd * normalQuantile((k + 0.5) / nodes));
	}
	return design.tieRate / 2 + (1 - design.tieRate) * (sum / nodes);
}
