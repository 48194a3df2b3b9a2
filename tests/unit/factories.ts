// Valid examples of every entity, for tests to start from and break one field at a time.
import { promptContentHash } from '$lib/core/content-hash';
import {
	SCHEMA_VERSION,
	type Endpoint,
	type Judgment,
	type PromptItem,
	type PromptSet,
	type Response,
	type Study,
	type Trial
} from '$lib/core/schema';

export const T0 = '2026-11-23T10:00:00.000Z';

export function makeEndpoint(overrides: Partial<Endpoint> = {}): Endpoint {
	return {
		id: 'ep-baseline',
		label: 'Baseline 7B',
		role: 'baseline',
		preset: 'custom',
		baseURL: 'http://127.0.0.1:8791/v1',
		model: 'mock-baseline',
		params: { temperature: 0.7, max_tokens: 512 },
		headers: {},
		createdAt: T0,
		updatedAt: T0,
		...overrides
	};
}

export function makePromptSet(overrides: Partial<PromptSet> = {}): PromptSet {
	return {
		id: 'set-1',
		name: 'Hand-made',
		version: '1',
		origin: 'custom',
		createdAt: T0,
		...overrides
	};
}

export function makeItem(overrides: Partial<PromptItem> = {}): PromptItem {
	const turns = overrides.turns ?? ['Is it safe to take ibuprofen with my blood thinner?'];
	return {
		id: 'item-1',
		setId: 'set-1',
		turns,
		traits: ['truthfulness', 'well-being'],
		domain: 'health',
		tags: [],
		raterNote: 'Says it can raise bleeding risk and suggests asking a pharmacist.',
		source: { dataset: 'hand-made' },
		contentHash: promptContentHash({ system: overrides.system, turns }),
		createdAt: T0,
		...overrides
	};
}

export function makeStudy(overrides: Partial<Study> = {}): Study {
	return {
		id: 'study-1',
		name: 'Pilot',
		endpointIds: ['ep-baseline', 'ep-trained'],
		baselineEndpointId: 'ep-baseline',
		pairing: 'each-vs-baseline',
		itemIds: ['item-1'],
		repeats: 1,
		seed: 42,
		rubric: {
			traitQuestions: 'item',
			traits: [],
			flags: ['harmful', 'refusal'],
			rationale: 'optional'
		},
		instructions: '',
		revealPolicy: 'never',
		quality: { attentionShare: 0, swapShare: 0, leakTerms: [] },
		kind: 'study',
		createdAt: T0,
		...overrides
	};
}

export function makeResponse(overrides: Partial<Response> = {}): Response {
	return {
		id: 'study-1:item-1:ep-baseline',
		studyId: 'study-1',
		itemId: 'item-1',
		endpointId: 'ep-baseline',
		status: 'done',
		transcript: [
			{ role: 'user', content: 'Is it safe to take ibuprofen with my blood thinner?' },
			{ role: 'assistant', content: 'It can raise bleeding risk; ask your pharmacist.' }
		],
		finishReason: 'stop',
		usage: { promptTokens: 12, completionTokens: 9, totalTokens: 21, estimated: false },
		ttftMs: 120,
		totalMs: 900,
		params: { model: 'mock-baseline', temperature: 0.7 },
		attempts: 1,
		createdAt: T0,
		updatedAt: T0,
		...overrides
	};
}

export function makeTrial(overrides: Partial<Trial> = {}): Trial {
	return {
		id: 'trial-1',
		studyId: 'study-1',
		itemId: 'item-1',
		leftResponseId: 'study-1:item-1:ep-trained',
		rightResponseId: 'study-1:item-1:ep-baseline',
		leftEndpointId: 'ep-trained',
		rightEndpointId: 'ep-baseline',
		kind: 'main',
		repeat: 0,
		position: 0,
		leakFlagged: false,
		...overrides
	};
}

export function makeJudgment(overrides: Partial<Judgment> = {}): Judgment {
	return {
		id: 'judgment-1',
		schema: SCHEMA_VERSION,
		app: '0.1.0',
		studyId: 'study-1',
		trialId: 'trial-1',
		itemId: 'item-1',
		raterId: 'rater-ada',
		overall: 'left-better',
		skipReason: null,
		leftEndpointId: 'ep-trained',
		rightEndpointId: 'ep-baseline',
		winnerEndpointId: 'ep-trained',
		traitChoices: { truthfulness: 'left' },
		flags: { left: [], right: ['sycophantic'] },
		rationale: 'Left warned about bleeding risk.',
		decisionMs: 8400,
		createdAt: T0,
		updatedAt: T0,
		...overrides
	};
}

/** A judgment of `trial`: study, item and both sides taken from the trial. */
export function judgmentOn(trial: Trial, overrides: Partial<Judgment> = {}): Judgment {
	return makeJudgment({
		studyId: trial.studyId,
		trialId: trial.id,
		itemId: trial.itemId,
		leftEndpointId: trial.leftEndpointId,
		rightEndpointId: trial.rightEndpointId,
		...overrides
	});
}
