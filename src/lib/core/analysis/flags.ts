// The per-side flags raters tick (harmful, refusal, factual error, sycophantic, evasive) as rates:
// per endpoint, overall and per trait and tag, the share of its answers flagged, with an interval
// clustered by prompt (the same sandwich as the win rates: one prompt that every rater flags is
// one prompt, not many independent answers). A flag is about one side's answer, so it counts
// whatever the verdict was, "both bad" included; skipped, attention-check, leak-flagged and swap
// trials are left out as everywhere else.
import { clusteredMean, type ScoredVote } from '../stats/cluster';
import type { Interval } from '../stats/types';
import { SIDE_FLAGS } from '../schema/study';
import type { EndpointRef, JudgmentRecord } from '../codecs/judgment-record';
import { exclusionOf, type InclusionOptions } from './votes';

export const OVERALL_FLAGS = 'overall';

export interface FlagRate {
	endpoint: EndpointRef;
	/** 'overall', 'trait:x' or 'tag:y'. */
	category: string;
	flag: string;
	flagged: number;
	answers: number;
	rate: number;
	/** Cluster-robust 95% interval (Wilson's over prompts when every prompt has the same rate). */
	interval: Interval;
}

interface Appearance {
	itemId: string;
	raterId: string;
	flags: readonly string[];
}

/** Categories a flag rate is reported for: overall, each trait and each tag of the item. */
function flagCategories(item: JudgmentRecord['item']): string[] {
	return [
		OVERALL_FLAGS,
		...item.traits.map((trait) => `trait:${trait}`),
		...item.tags.map((tag) => `tag:${tag}`)
	];
}

export function flagRate(appearances: readonly Appearance[], flag: string) {
	const votes: ScoredVote[] = appearances.map(({ itemId, raterId, flags }) => ({
		itemId,
		raterId,
		score: flags.includes(flag) ? 1 : 0
	}));
	const flagged = votes.filter((vote) => vote.score === 1).length;
	const clustered = clusteredMean(votes);
	return { flagged, answers: votes.length, rate: clustered.mean, interval: clustered.interval };
}

/**
 * Every flag rate with at least one answer, by endpoint (in the study's order), then category
 * (overall first, then sorted), then flag (in the fixed flag order).
 */
export function flagRates(
	records: readonly JudgmentRecord[],
	options: InclusionOptions = {}
): FlagRate[] {
	const groups = new Map<string, Map<string, Appearance[]>>();
	const refs = new Map<string, EndpointRef>();
	for (const record of records) {
		if (exclusionOf(record, options) !== undefined) continue;
		const categories = flagCategories(record.item);
		for (const side of [record.left, record.right]) {
			refs.set(side.endpoint.id, side.endpoint);
			let byCategory = groups.get(side.endpoint.id);
			if (!byCategory) groups.set(side.endpoint.id, (byCategory = new Map()));
			const appearance = { itemId: record.item.id, raterId: record.raterId, flags: side.flags };
			for (const category of categories) {
				let list = byCategory.get(category);
				if (!list) byCategory.set(category, (list = []));
				list.push(appearance);
			}
		}
	}
	const order = records[0]?.study.endpoints.map((endpoint) => endpoint.id) ?? [];
	const endpointIds = [...groups.keys()].sort(
		(x, y) => order.indexOf(x) - order.indexOf(y) || (x < y ? -1 : 1)
	);
	const rates: FlagRate[] = [];
	for (const endpointId of endpointIds) {
		const byCategory = groups.get(endpointId) ?? new Map<string, Appearance[]>();
		const categories = [...byCategory.keys()].sort((x, y) =>
			x === OVERALL_FLAGS ? -1 : y === OVERALL_FLAGS ? 1 : x < y ? -1 : x > y ? 1 : 0
		);
		for (const category of categories) {
			const appearances = byCategory.get(category) ?? [];
			for (const flag of SIDE_FLAGS) {
				const endpoint = refs.get(endpointId) as EndpointRef;
				rates.push({ endpoint, category, flag, ...flagRate(appearances, flag) });
			}
		}
	}
	return rates;
}

export interface EndpointLeakCount {
	endpoint: EndpointRef;
	/** Judgments on trials with this endpoint on one side that were flagged for an identity leak. */
	leakFlagged: number;
}

/** Per endpoint, how many of its judgments a leak flag leaves out (in the study's order). */
export function leakFlaggedByEndpoint(records: readonly JudgmentRecord[]): EndpointLeakCount[] {
	const counts = new Map<string, EndpointLeakCount>();
	for (const endpoint of records[0]?.study.endpoints ?? [])
		counts.set(endpoint.id, { endpoint, leakFlagged: 0 });
	for (const record of records) {
		if (!record.trial.leakFlagged) continue;
		for (const side of [record.left, record.right]) {
			const entry = counts.get(side.endpoint.id);
			if (entry) entry.leakFlagged++;
		}
	}
	return [...counts.values()];
}
