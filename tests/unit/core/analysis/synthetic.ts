// A deterministic synthetic study — endpoints, items over traits × domains, responses, a trial
// plan with attention and swap trials, and judgments from several raters whose verdicts favour
// the trained endpoint with a chosen probability. Shared by the analysis tests, the transfer
// round-trip tests and bench/export-analysis.bench.ts, so all of them exercise the same shapes.
import { promptContentHash } from '$lib/core/content-hash';
import { judgmentOn, makeStudy } from '../../factories';
import { seededRandom, type Random } from '$lib/core/random/prng';
import {
	type Endpoint,
	type Judgment,
	type OverallChoice,
	type PromptItem,
	type PromptSet,
	type Response,
	type Study,
	type Trial
} from '$lib/core/schema';
import type { RecordContext } from '$lib/core/codecs/judgment-record';

export interface World {
	set: PromptSet;
	endpoints: Endpoint[];
	items: PromptItem[];
	study: Study;
	responses: Response[];
	trials: Trial[];
	judgments: Judgment[];
}

export interface WorldOptions {
	judgments: number;
	items?: number;
	/** 2 (trained vs baseline) or 3 (plus a second trained endpoint). */
	endpoints?: 2 | 3;
	/** Probability a decisive verdict prefers the first trained endpoint. */
	trainedWins?: number;
	answerChars?: number;
	seed?: string;
}

const TRAITS = ['truthfulness', 'epistemic-humility', 'corrigibility', 'well-being'];
const DOMAINS = ['health', 'science', 'law'];
const TAGS = ['pressure', 'harmful-steer', 'helpful-steer'];
const T0 = Date.parse('2026-11-01T09:00:00.000Z');

function pick<T>(random: Random, list: readonly T[]): T {
	return list[Math.floor(random() * list.length)] as T;
}

function text(random: Random, chars: number): string {
	const words = ['the', 'dose', 'evidence', 'uncertain', 'consult', 'study', 'risk', 'however'];
	let out = '';
	while (out.length < chars) out += `${pick(random, words)} `;
	return out.trim();
}

export function syntheticWorld(options: WorldOptions): World {
	const random = seededRandom(options.seed ?? 'world');
	const itemCount = options.items ?? 60;
	const answerChars = options.answerChars ?? 240;
	const trainedWins = options.trainedWins ?? 0.6;
	const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();
	const endpoint = (id: string, label: string, role: string, model: string): Endpoint => ({
		id,
		label,
		role,
		preset: 'custom',
		baseURL: 'http://127.0.0.1:8791/v1',
		model,
		params: { temperature: 0.7 },
		headers: { 'x-team': 'research' },
		createdAt: iso(0),
		updatedAt: iso(0)
	});
	const endpoints = [
		endpoint('ep-base', 'Baseline 8B', 'baseline', 'mock-baseline'),
		endpoint('ep-trained', 'Trained 8B', 'trained', 'mock-trained')
	];
	if (options.endpoints === 3)
		endpoints.push(endpoint('ep-alt', 'Trained alt', 'trained-alt', 'mock-long'));
	const set: PromptSet = {
		id: 'set-syn',
		name: 'Synthetic',
		version: '1',
		origin: 'custom',
		createdAt: iso(0)
	};
	const items: PromptItem[] = Array.from({ length: itemCount }, (_, index) => {
		const turns = [`Question ${index}: ${text(random, 60)}?`];
		if (index % 5 === 0) turns.push('Are you sure? My doctor said otherwise.');
		return {
			id: `item-${index}`,
			setId: set.id,
			turns,
			traits: [TRAITS[index % TRAITS.length] as string],
			domain: DOMAINS[index % DOMAINS.length],
			tags: index % 3 === 0 ? [TAGS[index % TAGS.length] as string] : [],
			source: { dataset: 'synthetic', row: index + 1 },
			contentHash: promptContentHash({ turns }),
			createdAt: iso(0)
		};
	});
	const study: Study = makeStudy({
		id: 'study-syn',
		name: 'Synthetic study',
		endpointIds: endpoints.map((entry) => entry.id),
		baselineEndpointId: 'ep-base',
		itemIds: items.map((item) => item.id),
		seed: 7,
		quality: { attentionShare: 0.05, swapShare: 0.05, leakTerms: [] },
		createdAt: iso(0)
	});
	const responses: Response[] = [];
	for (const item of items) {
		for (const entry of endpoints) {
			const transcript: Response['transcript'] = [];
			for (const turn of item.turns) {
				transcript.push({ role: 'user', content: turn });
				const length = Math.round(answerChars * (0.5 + random()));
				transcript.push({ role: 'assistant', content: text(random, length) });
			}
			responses.push({
				id: `${study.id}:${item.id}:${entry.id}`,
				studyId: study.id,
				itemId: item.id,
				endpointId: entry.id,
				status: 'done',
				transcript,
				finishReason: 'stop',
				usage: { promptTokens: 20, completionTokens: 60, totalTokens: 80, estimated: false },
				ttftMs: 100,
				totalMs: 900,
				params: { model: entry.model, temperature: 0.7 },
				attempts: 1,
				createdAt: iso(1000),
				updatedAt: iso(1000)
			});
		}
	}
	const trained = endpoints.filter((entry) => entry.role !== 'baseline');
	const trials: Trial[] = [];
	for (const item of items) {
		for (const challenger of trained) {
			const trainedLeft = random() < 0.5;
			const [leftEp, rightEp] = trainedLeft
				? [challenger.id, 'ep-base']
				: ['ep-base', challenger.id];
			const position = trials.length;
			const base: Trial = {
				id: `trial-${position}`,
				studyId: study.id,
				itemId: item.id,
				leftResponseId: `${study.id}:${item.id}:${leftEp}`,
				rightResponseId: `${study.id}:${item.id}:${rightEp}`,
				leftEndpointId: leftEp,
				rightEndpointId: rightEp,
				kind: 'main',
				repeat: 0,
				position,
				leakFlagged: position % 29 === 0
			};
			trials.push(base);
			if (position % 17 === 0) {
				trials.push({
					...base,
					id: `trial-${position}-swap`,
					kind: 'swap',
					swapOf: base.id,
					position: trials.length,
					leftResponseId: base.rightResponseId,
					rightResponseId: base.leftResponseId,
					leftEndpointId: base.rightEndpointId,
					rightEndpointId: base.leftEndpointId,
					leakFlagged: false
				});
			}
			if (position % 23 === 0) {
				trials.push({
					...base,
					id: `trial-${position}-gold`,
					kind: 'attention',
					gold: 'left',
					position: trials.length,
					leakFlagged: false
				});
			}
		}
	}
	const itemById = new Map(items.map((item) => [item.id, item]));
	const judgments: Judgment[] = [];
	for (let index = 0; index < options.judgments; index++) {
		const trial = trials[index % trials.length] as Trial;
		// One full pass over the plan per rater (a rater gives one verdict per trial), so raters
		// share items and swap pairs exist; the number of raters follows from the judgments asked.
		const raterId = `rater-${Math.floor(index / trials.length)}`;
		const item = itemById.get(trial.itemId);
		const overall = verdict(random, trial, trainedWins);
		const winnerEndpointId = overall.startsWith('left')
			? trial.leftEndpointId
			: overall.startsWith('right')
				? trial.rightEndpointId
				: null;
		const traitChoices: Judgment['traitChoices'] = {};
		for (const trait of item?.traits ?? []) {
			traitChoices[trait] = overall.startsWith('left')
				? 'left'
				: overall.startsWith('right')
					? 'right'
					: 'tie';
		}
		judgments.push(
			judgmentOn(trial, {
				id: `j-${String(index).padStart(7, '0')}`,
				raterId,
				overall,
				skipReason: null,
				winnerEndpointId,
				traitChoices,
				flags: { left: [], right: index % 11 === 0 ? ['refusal'] : [] },
				rationale: index % 7 === 0 ? 'Clearer about the risk, "quoted", and, with commas.' : '',
				decisionMs: 3000 + Math.round(random() * 9000),
				createdAt: iso(60_000 + index * 1000),
				updatedAt: iso(60_000 + index * 1000)
			})
		);
	}
	return { set, endpoints, items, study, responses, trials, judgments };
}

function verdict(random: Random, trial: Trial, trainedWins: number): OverallChoice {
	if (trial.kind === 'attention') return random() < 0.9 ? 'left-better' : 'right-better';
	const roll = random();
	if (roll < 0.1) return 'tie';
	if (roll < 0.15) return 'both-bad';
	const trainedLeft = trial.leftEndpointId !== 'ep-base';
	const trainedWon = random() < trainedWins;
	const strong = random() < 0.3;
	const left = trainedWon === trainedLeft;
	return left
		? strong
			? 'left-much-better'
			: 'left-better'
		: strong
			? 'right-much-better'
			: 'right-better';
}

/** Export contexts of every judgment, in export order. */
export function* worldContexts(world: World): Generator<RecordContext> {
	const trials = new Map(world.trials.map((trial) => [trial.id, trial]));
	const items = new Map(world.items.map((item) => [item.id, item]));
	const responses = new Map(world.responses.map((response) => [response.id, response]));
	const endpoints = new Map(world.endpoints.map((endpoint) => [endpoint.id, endpoint]));
	for (const judgment of world.judgments) {
		const trial = trials.get(judgment.trialId) as Trial;
		yield {
			judgment,
			trial,
			study: world.study,
			item: items.get(judgment.itemId) as PromptItem,
			leftResponse: responses.get(trial.leftResponseId) as Response,
			rightResponse: responses.get(trial.rightResponseId) as Response,
			endpoints
		};
	}
}
