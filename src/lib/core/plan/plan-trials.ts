// The trial plan of a study is a pure function of the study (its seed included), so every machine
// that plans the same study gets the same trials, and the side assignment is recorded per trial.
// Sides are balanced in blocks of two per endpoint pair: within each block one trial shows the pair
// one way round and the other the other way, in a seeded order, so each endpoint sits on the left
// in half the trials of its pairs (±1 at any point of the plan).
import { randomInt, seededRandom, shuffle, type Random } from '../random/prng';
import type { PromptItem, Side, Study, Trial } from '../schema';
import { degradedResponseId, responseId } from './response-id';

export type EndpointPair = readonly [string, string];

/** The endpoint pairs a study compares, in a stable order. */
export function studyPairs(
	study: Pick<Study, 'endpointIds' | 'pairing' | 'baselineEndpointId' | 'pairs'>
) {
	const pairs: EndpointPair[] = [];
	if (study.pairing === 'listed') {
		const seen = new Set<string>();
		for (const [first, second] of study.pairs ?? []) {
			const key = [first, second].sort().join('|');
			const known = study.endpointIds.includes(first) && study.endpointIds.includes(second);
			if (first === second || !known || seen.has(key)) continue;
			seen.add(key);
			pairs.push([first, second]);
		}
		return pairs;
	}
	if (study.pairing === 'all-pairs') {
		study.endpointIds.forEach((first, index) => {
			for (const second of study.endpointIds.slice(index + 1)) pairs.push([first, second]);
		});
		return pairs;
	}
	const baseline = study.baselineEndpointId ?? study.endpointIds[0];
	for (const other of study.endpointIds) {
		if (baseline !== undefined && other !== baseline) pairs.push([baseline, other]);
	}
	return pairs;
}

/**
 * `count` booleans in blocks of two holding one `true` and one `false` each, in seeded order
 * (an odd last one is a coin flip): every prefix differs from an even split by at most one.
 */
export function balancedBlocks(count: number, random: Random): boolean[] {
	const result: boolean[] = [];
	while (result.length < count) {
		const first = random() < 0.5;
		result.push(first);
		if (result.length < count) result.push(!first);
	}
	return result;
}

/** How many extra trials a share asks for, relative to the main trials. */
export function shareCount(share: number, mainCount: number): number {
	return Math.min(mainCount, Math.round(share * mainCount));
}

interface Slot {
	itemId: string;
	pair: EndpointPair;
	repeat: number;
}

function sideTrial(
	study: Study,
	slot: Slot,
	firstOnLeft: boolean
): Pick<
	Trial,
	'leftEndpointId' | 'rightEndpointId' | 'leftResponseId' | 'rightResponseId' | 'itemId'
> {
	const [first, second] = slot.pair;
	const left = firstOnLeft ? first : second;
	const right = firstOnLeft ? second : first;
	return {
		itemId: slot.itemId,
		leftEndpointId: left,
		rightEndpointId: right,
		leftResponseId: responseId(study.id, slot.itemId, left),
		rightResponseId: responseId(study.id, slot.itemId, right)
	};
}

function trialId(studyId: string, position: number): string {
	return `${studyId}:trial:${position}`;
}

/** Picks `count` trials alternating between the two orientations, so swaps stay balanced too. */
function pickBalanced(
	mains: readonly Trial[],
	firstOnLeft: ReadonlySet<string>,
	count: number,
	random: Random
): Trial[] {
	const groups = [
		shuffle(
			mains.filter((trial) => firstOnLeft.has(trial.id)),
			random
		),
		shuffle(
			mains.filter((trial) => !firstOnLeft.has(trial.id)),
			random
		)
	];
	let turn = randomInt(random, 2);
	const picked: Trial[] = [];
	while (picked.length < count) {
		const next = groups[turn]?.shift() ?? groups[1 - turn]?.shift();
		if (!next) break;
		picked.push(next);
		turn = 1 - turn;
	}
	return picked;
}

/**
 * Plans every trial of a study: pairs × items × repeats (`main`), plus attention checks (one side
 * replaced by a degraded copy of its own answer, the other side gold) and swap re-shows (a main
 * trial again with sides swapped), each a share of the main trials. Deterministic from study.seed.
 */
export function planTrials(study: Study, items: readonly PromptItem[]): Trial[] {
	const known = new Set(items.map((item) => item.id));
	const missing = study.itemIds.filter((id) => !known.has(id));
	if (missing.length > 0) {
		throw new Error(`The study lists ${missing.length} prompt item(s) that were not provided.`);
	}
	const random = seededRandom('plan', study.seed, study.id);
	const pairs = studyPairs(study);

	const slots: Slot[] = [];
	for (let repeat = 0; repeat < study.repeats; repeat++) {
		for (const itemId of study.itemIds) {
			for (const pair of pairs) slots.push({ itemId, pair, repeat });
		}
	}

	const orientation = new Map<EndpointPair, boolean[]>();
	for (const pair of pairs) {
		const count = slots.filter((slot) => slot.pair === pair).length;
		orientation.set(pair, balancedBlocks(count, random));
	}
	const firstOnLeft = new Set<string>();
	const mains: Trial[] = slots.map((slot, position) => {
		const id = trialId(study.id, position);
		const onLeft = orientation.get(slot.pair)?.shift() ?? true;
		if (onLeft) firstOnLeft.add(id);
		return {
			id,
			studyId: study.id,
			...sideTrial(study, slot, onLeft),
			kind: 'main',
			repeat: slot.repeat,
			position,
			leakFlagged: false
		};
	});

	const attentionSources = shuffle(mains, random).slice(
		0,
		shareCount(study.quality.attentionShare, mains.length)
	);
	const attentionSides = balancedBlocks(attentionSources.length, random);
	const goldSides = balancedBlocks(attentionSources.length, random);
	const attention: Trial[] = attentionSources.map((source, index) => {
		const pair: EndpointPair = [source.leftEndpointId, source.rightEndpointId];
		const sides = sideTrial(
			study,
			{ itemId: source.itemId, pair, repeat: source.repeat },
			attentionSides[index] ?? true
		);
		const gold: Side = goldSides[index] ? 'left' : 'right';
		const position = mains.length + index;
		return {
			id: trialId(study.id, position),
			studyId: study.id,
			...sides,
			leftResponseId:
				gold === 'left' ? sides.leftResponseId : degradedResponseId(sides.leftResponseId),
			rightResponseId:
				gold === 'right' ? sides.rightResponseId : degradedResponseId(sides.rightResponseId),
			kind: 'attention',
			gold,
			repeat: source.repeat,
			position,
			leakFlagged: false
		};
	});

	const swapSources = pickBalanced(
		mains,
		firstOnLeft,
		shareCount(study.quality.swapShare, mains.length),
		random
	);
	const swaps: Trial[] = swapSources.map((source, index) => {
		const position = mains.length + attention.length + index;
		return {
			id: trialId(study.id, position),
			studyId: study.id,
			itemId: source.itemId,
			leftEndpointId: source.rightEndpointId,
			rightEndpointId: source.leftEndpointId,
			leftResponseId: source.rightResponseId,
			rightResponseId: source.leftResponseId,
			kind: 'swap',
			swapOf: source.id,
			repeat: source.repeat,
			position,
			leakFlagged: false
		};
	});

	return [...mains, ...attention, ...swaps];
}
