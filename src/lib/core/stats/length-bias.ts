// Length bias: do raters reward the longer answer rather than the better one? Two views:
// (1) how often the longer answer wins a decisive vote, and (2) a length-controlled win rate in
// the style of Chatbot Arena's style control (LMSYS, "Does style matter?", 2024): regress the
// outcome on the normalised length difference and read the win rate at equal length off the
// intercept, σ(β₀).
import type { Interval, Outcome } from './types';
import { binomialTest } from './binomial';
import { fitLogistic, type LogisticObservation } from './logistic';
import { sigmoid, Z_95 } from './special-functions';
import { wilsonInterval } from './wilson';

export interface LengthVote {
	/** From the trained model's (endpoint A's) point of view. */
	outcome: Outcome;
	/** Answer lengths in any one unit (characters or tokens), the same for both sides. */
	trainedLength: number;
	baselineLength: number;
}

export interface LongerWins {
	/** Decisive votes whose two answers differ in length. */
	n: number;
	longerWins: number;
	/** longerWins / n; NaN when n = 0. */
	share: number;
	interval: Interval;
	/** Exact binomial test of the share against 0.5. */
	pValue: number;
}

export interface LengthControlled {
	/** Votes in the regression (decisive ones, plus ties when ties = 'half'). */
	n: number;
	/** Win rate over the same votes without adjustment. */
	rawWinRate: number;
	/** σ(β₀): the modelled win rate when both answers have the same length. */
	winRate: number;
	/** σ(β₀ ± z·SE(β₀)). */
	interval: Interval;
	intercept: number;
	/** β₁: log-odds change per unit of (len_t − len_b) / (len_t + len_b); > 0 favours longer. */
	lengthCoefficient: number;
	interceptSE: number;
	lengthCoefficientSE: number;
	/** False on separation (e.g. all wins) or no spread in length difference; numbers are NaN. */
	converged: boolean;
}

export interface LengthBias {
	longer: LongerWins;
	lengthControlled: LengthControlled;
}

export interface LengthBiasOptions {
	/** 'exclude' (default): decisive votes only; 'half': ties add half a win and half a loss. */
	ties?: 'exclude' | 'half';
	z?: number;
}

function usable(vote: LengthVote): boolean {
	const { trainedLength, baselineLength } = vote;
	return (
		Number.isFinite(trainedLength) &&
		Number.isFinite(baselineLength) &&
		trainedLength >= 0 &&
		baselineLength >= 0 &&
		trainedLength + baselineLength > 0
	);
}

export function lengthBias(
	votes: Iterable<LengthVote>,
	options: LengthBiasOptions = {}
): LengthBias {
	const { ties = 'exclude', z = Z_95 } = options;
	let longerN = 0;
	let longerWins = 0;
	const observations: LogisticObservation[] = [];
	let successes = 0;
	let weightTotal = 0;
	for (const vote of votes) {
		if (!usable(vote)) continue;
		const { outcome, trainedLength, baselineLength } = vote;
		const x = (trainedLength - baselineLength) / (trainedLength + baselineLength);
		if (outcome === 'win' || outcome === 'loss') {
			const trainedWon = outcome === 'win';
			if (trainedLength !== baselineLength) {
				longerN++;
				if (trainedWon === trainedLength > baselineLength) longerWins++;
			}
			observations.push({ x, y: trainedWon ? 1 : 0, weight: 1 });
			successes += trainedWon ? 1 : 0;
			weightTotal += 1;
		} else if (outcome === 'tie' && ties === 'half') {
			observations.push({ x, y: 1, weight: 0.5 }, { x, y: 0, weight: 0.5 });
			successes += 0.5;
			weightTotal += 1;
		}
	}
	const fit = fitLogistic(observations);
	const margin = z * fit.interceptSE;
	return {
		longer: {
			n: longerN,
			longerWins,
			share: longerN === 0 ? Number.NaN : longerWins / longerN,
			interval: wilsonInterval(longerWins, longerN, z),
			pValue: binomialTest(longerWins, longerN, 0.5)
		},
		lengthControlled: {
			n: weightTotal,
			rawWinRate: weightTotal === 0 ? Number.NaN : successes / weightTotal,
			winRate: sigmoid(fit.intercept),
			interval: { lower: sigmoid(fit.intercept - margin), upper: sigmoid(fit.intercept + margin) },
			intercept: fit.intercept,
			lengthCoefficient: fit.slope,
			interceptSE: fit.interceptSE,
			lengthCoefficientSE: fit.slopeSE,
			converged: fit.converged
		}
	};
}
