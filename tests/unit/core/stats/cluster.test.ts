// Cluster-aware inference against reference values computed with statsmodels and scipy
// (tests/fixtures/stats/, README there): tolerances are the README's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	clusteredMean,
	clusterVariance,
	itemIcc,
	itemSignTest,
	naiveMean,
	normalPValue,
	twoWayVariance,
	type ScoredVote
} from '$lib/core/stats/cluster';
import { itemBootstrap } from '$lib/core/stats/cluster-bootstrap';
import { geeExchangeable } from '$lib/core/stats/gee';
import { tQuantile, tTwoSided } from '$lib/core/stats/distributions';
import { seededRandom } from '$lib/core/random/prng';

interface Dataset {
	name: string;
	votes: { item: number[]; rater: number[]; score: number[] };
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	results: Record<string, any>;
}
const fixture = JSON.parse(
	readFileSync(new URL('../../../fixtures/stats/clustered.json', import.meta.url), 'utf8')
) as { datasets: Dataset[] };

function votesOf(dataset: Dataset): ScoredVote[] {
	const { item, rater, score } = dataset.votes;
	return score.map((value, index) => ({
		itemId: `i${item[index]}`,
		raterId: `r${rater[index]}`,
		score: value
	}));
}

const CLOSED = 1e-9;
const close = (actual: number, expected: number, tolerance = CLOSED) =>
	expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
		tolerance * Math.max(1, Math.abs(expected))
	);

describe.each(fixture.datasets)('cluster-robust inference on $name', (dataset) => {
	const votes = votesOf(dataset);
	const scores = votes.map((vote) => vote.score);
	const {
		naive,
		clusterItem,
		clusterRater,
		clusterTwoWay,
		bootstrapItem,
		geeExchangeable: gee
	} = dataset.results;

	it('naive mean and SE treat every vote as independent', () => {
		const result = naiveMean(scores);
		expect(result.n).toBe(naive.n);
		close(result.mean, naive.mean);
		close(result.se, naive.se);
		close(result.interval.lower, naive.ci95[0]);
		close(result.interval.upper, naive.ci95[1]);
	});

	it('one-way CRV1 by item and by rater, normal and t intervals', () => {
		for (const [reference, key] of [
			[clusterItem, 'itemId'],
			[clusterRater, 'raterId']
		] as const) {
			const result = clusterVariance(
				scores,
				votes.map((vote) => vote[key])
			);
			expect(result.nClusters).toBe(reference.nClusters);
			close(result.variance, reference.variance);
			close(result.se, reference.se);
			const t = tQuantile(0.975, reference.tDf);
			close(t, reference.tQuantile);
			close(naive.mean - t * result.se, reference.ci95T[0]);
			close(naive.mean + t * result.se, reference.ci95T[1]);
			close(normalPValue(naive.mean, result.se), reference.pValueNormalVsHalf);
			close(
				tTwoSided(Math.abs(naive.mean - 0.5) / result.se, reference.tDf),
				reference.pValueTVsHalf
			);
		}
	});

	it('two-way variance is V_item + V_rater − V_item×rater', () => {
		const result = twoWayVariance(votes);
		close(result.intersection.variance, clusterTwoWay.varianceIntersection);
		close(result.variance, clusterTwoWay.variance);
		if (clusterTwoWay.se === null) expect(result.se).toBeNaN();
		else close(result.se, clusterTwoWay.se);
	});

	it('the default never reports less uncertainty than clustering by item', () => {
		const result = clusteredMean(votes);
		expect(result.se).toBeGreaterThanOrEqual(clusterItem.se - 1e-15);
		expect(result.se).toBeGreaterThan(naive.se * 0.8);
		// With fewer than ten raters the default is item clustering with t(G − 1).
		expect(result.method).toBe('item');
		close(result.interval.lower, clusterItem.ci95T[0]);
		close(result.interval.upper, clusterItem.ci95T[1]);
		close(result.pValue, clusterItem.pValueTVsHalf);
	});

	it('the default interval and test agree: 0.5 is outside exactly when p < 0.05', () => {
		const result = clusteredMean(votes);
		const outside = result.interval.lower > 0.5 || result.interval.upper < 0.5;
		expect(outside).toBe(result.pValue < 0.05);
	});

	it('item bootstrap matches within the Monte Carlo tolerance, whatever the vote order', () => {
		const result = itemBootstrap(votes, seededRandom('fixture', dataset.name), bootstrapItem.B);
		expect(Math.abs(result.interval.lower - bootstrapItem.ci95Percentile[0])).toBeLessThanOrEqual(
			bootstrapItem.tolerance
		);
		expect(Math.abs(result.interval.upper - bootstrapItem.ci95Percentile[1])).toBeLessThanOrEqual(
			bootstrapItem.tolerance
		);
		const reversed = itemBootstrap(
			[...votes].reverse(),
			seededRandom('fixture', dataset.name),
			bootstrapItem.B
		);
		expect(reversed).toEqual(result);
	});

	it('GEE exchangeable logit matches statsmodels', () => {
		const decisive = votes
			.filter((vote) => vote.score !== 0.5)
			.map((vote) => ({ itemId: vote.itemId, won: vote.score === 1 }));
		const result = geeExchangeable(decisive);
		expect(result.nDecisive).toBe(gee.nDecisive);
		close(result.intercept, gee.intercept, 1e-6);
		close(result.seRobust, gee.seRobust, 1e-6);
		close(result.correlation, gee.exchangeableCorrelation, 1e-6);
		close(result.interval.lower, gee.winProbCi95[0], 1e-6);
		close(result.interval.upper, gee.winProbCi95[1], 1e-6);
	});

	it('item-level sign test and ICC / design effect', () => {
		const sign = itemSignTest(votes);
		const reference = dataset.results.itemSignTest;
		expect([sign.above, sign.below, sign.exactlyHalf]).toEqual([
			reference.nItemsAbove,
			reference.nItemsBelow,
			reference.nItemsExactlyHalf
		]);
		close(sign.pValue, reference.pValue);
		const icc = itemIcc(votes);
		close(icc.icc, dataset.results.iccItem.icc);
		close(icc.designEffect, dataset.results.iccItem.designEffect);
	});
});

describe('two-way clustering with ten or more raters', () => {
	// The medium dataset with its 5 raters split by repeat parity into 10: enough rater clusters.
	const medium = fixture.datasets.find((dataset) => dataset.name === 'medium') as Dataset;
	const votes = votesOf(medium).map((vote, index) => ({
		...vote,
		raterId: `${vote.raterId}-${index % 2}`
	}));

	it('uses the larger of the prompt-only and the two-way variance, with t on min(G) − 1', () => {
		const result = clusteredMean(votes);
		const twoWay = twoWayVariance(votes);
		expect(result.method).toBe('two-way');
		expect(result.raters).toBe(10);
		close(result.variance, Math.max(twoWay.item.variance, twoWay.variance));
		expect(result.df).toBe(Math.min(twoWay.item.nClusters, twoWay.rater.nClusters) - 1);
		// Same numbers whatever the order of the votes.
		expect(clusteredMean([...votes].reverse())).toEqual(result);
	});
});
