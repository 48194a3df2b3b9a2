// Anytime-valid intervals for researchers who watch results while judgments come in. A fixed-n
// interval is valid once, at a sample size chosen in advance; looked at after every batch and
// acted on when it first excludes 50%, it errs far more often than 5%. A confidence sequence
// holds at every sample size at once. This is the asymptotic confidence sequence of
// Waudby-Smith, Arbour, Sinha, Kennedy & Ramdas (2024), "Time-uniform central limit theory and
// asymptotic confidence sequences", Ann. Statist. 52(6), eq. (2.6): a normal-mixture boundary on
// the running sum, with the variance of the sum taken from the cluster-robust estimate, so votes
// on one prompt count as the correlated votes they are.
import type { Interval } from './types';

export interface SequenceOptions {
	/** Two-sided error over all looks; divide by the family size for several hypotheses. */
	alpha: number;
	/** Votes at which the boundary is tightest: the planned size (fixed before the data). */
	plannedVotes: number;
	/** Score variance per vote assumed for that tuning, including clustering; default 0.375. */
	plannedVariance?: number;
}

/** Fewer prompts than this give no sequence: the variance estimate is too rough to lean on. */
export const MIN_SEQUENCE_ITEMS = 10;

/**
 * The interval at the current look from the mean score, the number of scored votes and the
 * cluster-robust variance of the mean.
 */
export function confidenceSequence(
	mean: number,
	votes: number,
	varianceOfMean: number,
	items: number,
	options: SequenceOptions
): Interval {
	const { alpha, plannedVotes, plannedVariance = 0.375 } = options;
	if (!(varianceOfMean > 0) || items < MIN_SEQUENCE_ITEMS || votes < 2) {
		return { lower: Number.NaN, upper: Number.NaN };
	}
	const logTerm = -2 * Math.log(alpha);
	const rho2 = (logTerm + Math.log(logTerm + 1)) / (plannedVotes * plannedVariance);
	const sumVariance = votes * votes * varianceOfMean;
	const radius =
		Math.sqrt(
			((2 * (sumVariance * rho2 + 1)) / rho2) * Math.log(Math.sqrt(sumVariance * rho2 + 1) / alpha)
		) / votes;
	return { lower: Math.max(0, mean - radius), upper: Math.min(1, mean + radius) };
}
