// Parts of the study analysis that read one comparison or the whole study a second way: the
// cross-checks of the overall win rate and the Bradley–Terry ratings.
import { seededRandom } from '../random/prng';
import { bradleyTerry, type BradleyTerryResult } from '../stats/bradley-terry-bootstrap';
import type { PairwiseComparison } from '../stats/bradley-terry';
import {
	itemIcc,
	itemSignTest,
	type IntraclassCorrelation,
	type ItemSignTest
} from '../stats/cluster';
import { itemBootstrap, type ClusterBootstrap } from '../stats/cluster-bootstrap';
import { geeExchangeable, type GeeFit } from '../stats/gee';
import { scoredVotes } from '../stats/win-rate';
import type { Vote } from '../stats/types';
import type { EndpointRef, JudgmentRecord } from '../codecs/judgment-record';

/** Other ways to read the overall win rate, for a reviewer to compare with the default. */
export interface CrossChecks {
	itemSignTest: ItemSignTest;
	itemBootstrap: ClusterBootstrap;
	gee: GeeFit;
	icc: IntraclassCorrelation;
}

export interface RatingRow {
	endpoint: EndpointRef;
	elo: number;
	lower: number;
	upper: number;
}

export interface RatingsAnalysis {
	rows: RatingRow[];
	resamples: number;
	fit: BradleyTerryResult;
}

export function crossChecks(
	accumulator: { key: string; votes: readonly Vote[] },
	first: JudgmentRecord
): CrossChecks {
	const scored = scoredVotes(accumulator.votes);
	const decisive = scored
		.filter((vote) => vote.score !== 0.5)
		.map((vote) => ({ itemId: vote.itemId, won: vote.score === 1 }));
	return {
		itemSignTest: itemSignTest(scored),
		itemBootstrap: itemBootstrap(
			scored,
			seededRandom('item-bootstrap', first.study.id, first.study.seed, accumulator.key),
			2000
		),
		gee: geeExchangeable(decisive),
		icc: itemIcc(scored)
	};
}

export function ratingsOf(
	pairwise: readonly PairwiseComparison[],
	compared: ReadonlyMap<string, EndpointRef>,
	first: JudgmentRecord,
	resamples: number
): RatingsAnalysis {
	const baseline = first.study.baselineEndpointId;
	const fit = bradleyTerry(pairwise, {
		random: seededRandom('bradley-terry', first.study.id, first.study.seed),
		resamples,
		anchor: baseline !== undefined && compared.has(baseline) ? baseline : undefined
	});
	const rows = fit.players
		.map((id, index) => ({
			endpoint: compared.get(id) ?? { id, label: id, role: 'unknown', model: 'unknown' },
			elo: fit.elo[index] ?? Number.NaN,
			lower: fit.interval[index]?.lower ?? Number.NaN,
			upper: fit.interval[index]?.upper ?? Number.NaN
		}))
		.sort((x, y) => y.elo - x.elo);
	return { rows, resamples, fit };
}
