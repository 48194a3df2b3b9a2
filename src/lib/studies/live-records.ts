// The records a live round is stored as: the live study (kind `live`, reveal after the vote),
// its prompt set, one prompt item per round (a copy, so every round has its own responses) and
// the round's trial with the sides it drew. Pure builders; LiveArena writes them.
import { promptContentHash } from '$lib/core/content-hash';
import { responseId } from '$lib/core/plan/response-id';
import type { Endpoint, PromptItem, PromptSet, Study, Trial } from '$lib/core/schema';
import { LIVE_SET_ID } from '$lib/db/repos/live-rounds';

export interface LivePrompt {
	system?: string;
	turns: string[];
	traits: string[];
	domain?: string;
	tags: string[];
	raterNote?: string;
	/** The library item it came from, if picked rather than typed. */
	sourceId?: string;
}

export function newLiveStudy(
	id: string,
	endpointIds: [string, string],
	at: Date,
	seed: number
): Study {
	return {
		id,
		name: `Live arena, ${at.toISOString().slice(0, 16).replace('T', ' ')}`,
		endpointIds,
		pairing: 'all-pairs',
		itemIds: [],
		repeats: 1,
		seed,
		rubric: { traitQuestions: 'item', traits: [], flags: [], rationale: 'off' },
		instructions: 'Live arena: the audience votes on the overall scale.',
		revealPolicy: 'after-vote',
		quality: { attentionShare: 0, swapShare: 0, leakTerms: [] },
		kind: 'live',
		createdAt: at.toISOString()
	};
}

export function liveSet(at: string): PromptSet {
	return {
		id: LIVE_SET_ID,
		name: 'Live arena prompts',
		version: '1',
		origin: 'custom',
		description: 'Prompts typed or picked in the live arena, one item per round.',
		createdAt: at
	};
}

export function liveItem(id: string, prompt: LivePrompt, at: string): PromptItem {
	return {
		id,
		setId: LIVE_SET_ID,
		...(prompt.system ? { system: prompt.system } : {}),
		turns: prompt.turns,
		traits: prompt.traits,
		...(prompt.domain ? { domain: prompt.domain } : {}),
		tags: prompt.tags,
		...(prompt.raterNote ? { raterNote: prompt.raterNote } : {}),
		source: { dataset: 'live-arena', ...(prompt.sourceId ? { key: prompt.sourceId } : {}) },
		contentHash: promptContentHash({ system: prompt.system, turns: prompt.turns }),
		createdAt: at
	};
}

export function liveTrial(
	studyId: string,
	itemId: string,
	position: number,
	sides: { left: Pick<Endpoint, 'id'>; right: Pick<Endpoint, 'id'> }
): Trial {
	return {
		id: `${studyId}:trial:${position}`,
		studyId,
		itemId,
		leftEndpointId: sides.left.id,
		rightEndpointId: sides.right.id,
		leftResponseId: responseId(studyId, itemId, sides.left.id),
		rightResponseId: responseId(studyId, itemId, sides.right.id),
		kind: 'main',
		repeat: 0,
		position,
		leakFlagged: false
	};
}
