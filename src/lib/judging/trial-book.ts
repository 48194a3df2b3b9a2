// What a judging session works from, fixed once the study is opened: the rater's order, the items,
// responses and endpoints by id, and which trials this rater has judged. Plain (non-reactive) data:
// the session copies what the view needs into runes. Building the book also prepares the trials
// (degraded copies for attention checks, identity-leak flags); `preparation` holds what changed,
// for the session to store.
import {
	answersByItem,
	blindTrial,
	studyTraits,
	type BlindTrial
} from '$lib/core/blinding/blind-trial';
import { MIN_SWAP_GAP, raterOrder } from '$lib/core/plan/rater-order';
import { armOf } from '$lib/core/plan/recipes';
import { doubtfulTrials, humansFirst } from '$lib/core/judge/humans-first';
import type { Endpoint, PromptItem, Response, Study, Trial } from '$lib/core/schema';
import type { JudgingSnapshot, TrialPreparation } from '$lib/db/repos/trials';
import { prepareTrials } from './prepare';

export interface NextTrial {
	next: Trial | undefined;
	/** Trials not judged yet. */
	open: number;
	/** Trials not judged yet whose answers are not all generated. */
	notReady: number;
}

export class TrialBook {
	readonly study: Study;
	readonly order: readonly Trial[];
	readonly preparation: TrialPreparation;
	/** The study's traits in their fixed order: a trait's row and keys never move. */
	readonly traits: string[];
	readonly #items: ReadonlyMap<string, PromptItem>;
	readonly #responses: Map<string, Response>;
	/** The study's own answers per item (degraded attention copies excluded). */
	readonly #answersToItem: ReadonlyMap<string, Response[]>;
	readonly #endpoints: ReadonlyMap<string, Endpoint>;
	readonly #judged: Set<string>;

	constructor(snapshot: JudgingSnapshot, raterId: string, at: string) {
		this.study = snapshot.study;
		this.#items = new Map(snapshot.items.map((item) => [item.id, item]));
		this.traits = studyTraits(snapshot.items, snapshot.study.rubric);
		this.#responses = new Map(snapshot.responses.map((response) => [response.id, response]));
		this.#answersToItem = answersByItem(snapshot.responses);
		this.#endpoints = new Map(snapshot.endpoints.map((endpoint) => [endpoint.id, endpoint]));
		this.#judged = new Set(snapshot.judgments.map((judgment) => judgment.trialId));
		this.preparation = prepareTrials(
			snapshot.study,
			snapshot.trials,
			this.#responses,
			snapshot.endpoints,
			at
		);
		for (const response of this.preparation.degraded) this.#responses.set(response.id, response);
		const flags = new Map(this.preparation.leakFlags.map((flag) => [flag.id, flag.leakFlagged]));
		const trials = snapshot.trials.map((trial) => {
			const leakFlagged = flags.get(trial.id);
			return leakFlagged === undefined ? trial : { ...trial, leakFlagged };
		});
		const arms = snapshot.study.design?.arms ?? [];
		const itemsById = new Map(snapshot.items.map((item) => [item.id, item]));
		const stratumOf = (trial: Trial) => {
			const item = itemsById.get(trial.itemId);
			return item ? armOf(item, arms) : 'other';
		};
		const order = raterOrder(
			trials,
			snapshot.study.seed,
			raterId,
			MIN_SWAP_GAP,
			arms.length > 0 ? stratumOf : undefined
		);
		this.order = snapshot.study.judge?.humansFirst
			? humansFirst(order, doubtfulTrials(snapshot.judgeVerdicts))
			: order;
	}

	get judgedCount(): number {
		return this.#judged.size;
	}

	markJudged(trialId: string, judged: boolean): void {
		if (judged) this.#judged.add(trialId);
		else this.#judged.delete(trialId);
	}

	find(trialId: string): Trial | undefined {
		return this.order.find((trial) => trial.id === trialId);
	}

	ready(trial: Trial): boolean {
		const done = (id: string) => this.#responses.get(id)?.status === 'done';
		return (
			this.#items.has(trial.itemId) && done(trial.leftResponseId) && done(trial.rightResponseId)
		);
	}

	/** The first trial of the rater's order that is not judged and can be shown. */
	nextTrial(): NextTrial {
		const open = this.order.filter((trial) => !this.#judged.has(trial.id));
		const ready = open.filter((trial) => this.ready(trial));
		return { next: ready[0], open: open.length, notReady: open.length - ready.length };
	}

	blind(trial: Trial): BlindTrial | undefined {
		const item = this.#items.get(trial.itemId);
		const left = this.#responses.get(trial.leftResponseId);
		const right = this.#responses.get(trial.rightResponseId);
		if (!item || !left || !right) return undefined;
		const ownPrompts = [...this.#endpoints.values()].some((e) => e.systemPrompt?.trim());
		return blindTrial(trial, item, left, right, this.study.rubric, {
			ownPromptsHidden: ownPrompts,
			itemResponses: this.#answersToItem.get(trial.itemId) ?? [left, right]
		});
	}

	label(endpointId: string): string {
		return this.#endpoints.get(endpointId)?.label ?? 'Unknown endpoint';
	}
}

/** An ISO time `ms` before `iso`: a draft's start, backdated by time already spent deciding. */
export function backdate(iso: string, ms: number): string {
	return new Date(Date.parse(iso) - ms).toISOString();
}
