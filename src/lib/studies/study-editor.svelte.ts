// The new-study form as a state class: every field is plain $state the view binds to, validation
// is $derived (one message per field, shown once the researcher tries to create), and create()
// does the rest in order — resolve the items, validate with the zod schema, plan the trials, and
// write study + plan in one transaction — so a study is never stored half planned. Database,
// clock, ids and seed source are injected, so tests run against fake-indexeddb.
import { systemClock, nowIso, type Clock } from '$lib/core/clock';
import { newId, type IdFactory } from '$lib/core/ids';
import { planTrials, studyPairs } from '$lib/core/plan/plan-trials';
import type { TagMode } from '$lib/core/plan/recipes';
import { pairsOfKeys, recipeFields } from './recipe-fields';
import { DEFAULT_POWER, requiredDecisiveJudgments } from '$lib/core/analysis/power-plan';
import { newSeed, type Random } from '$lib/core/random/prng';
import {
	SIDE_FLAGS,
	StudySchema,
	type Endpoint,
	type PromptItem,
	type Rubric,
	type SideFlag,
	type Study
} from '$lib/core/schema';
import { zodIssues, formatIssue } from '$lib/core/errors';
import type { ArenaDB } from '$lib/db/arena-db';
import { describeSaveFailure, describeStorageError, getDb } from '$lib/db/db';
import {
	matchingPromptIds,
	searchPromptItems,
	type PromptFilter
} from '$lib/db/repos/prompt-library';
import { createStudy } from '$lib/db/repos/studies';
import { storageGuard } from '$lib/app/storage-guard.svelte';
import { presentItems } from '$lib/db/repos/item-pages';
import { SelectionSetSaver } from '$lib/prompts/selection-set.svelte';

export type Pairing = Study['pairing'];
export type FilterField = 'setId' | 'trait' | 'domain' | 'tag';
export type EditorField =
	| 'name'
	| 'endpoints'
	| 'baseline'
	| 'items'
	| 'repeats'
	| 'seed'
	| 'traits'
	| 'flags'
	| 'attention'
	| 'swap'
	| 'leakTerms'
	| 'instructions';

export interface StudyEditorDeps {
	db?: () => ArenaDB;
	clock?: Clock;
	newId?: IdFactory;
	random?: Random;
	/** Items handed over from the prompt library; they replace the filters until cleared. */
	handedOff?: readonly string[];
	navigate?: (hash: string) => void;
}

const MAX_SHARE_PERCENT = 50;

function splitTerms(text: string): string[] {
	return [
		...new Set(
			text
				.split(/[\n,]/)
				.map((term) => term.trim())
				.filter(Boolean)
		)
	];
}

const ITEM_LIST_STEP = 50;

export class StudyEditor {
	name = $state('');
	endpointIds = $state<string[]>([]);
	pairing = $state<Pairing>('each-vs-baseline');
	baselineId = $state('');
	filter = $state<PromptFilter>({});
	handedOff = $state.raw<readonly string[] | undefined>(undefined);
	/** How many library items the filters match (undefined while counting). */
	matchCount = $state<number | undefined>(undefined);
	/** The first of the selected items, to review; `excluded` ones were deselected one by one. */
	shownItems = $state.raw<PromptItem[]>([]);
	shownLimit = $state(ITEM_LIST_STEP);
	excluded = $state.raw<readonly string[]>([]);
	repeats = $state(1);
	seed = $state(0);
	traitQuestions = $state<Rubric['traitQuestions']>('item');
	listedTraits = $state<string[]>([]);
	flags = $state<SideFlag[]>([...SIDE_FLAGS]);
	rationale = $state<Rubric['rationale']>('optional');
	instructions = $state('');
	revealPolicy = $state<Study['revealPolicy']>('never');
	attentionPercent = $state(0);
	swapPercent = $state(0);
	leakTermsText = $state('');
	/** The design: the recipe it started from, proposed primary hypotheses, stratifying arms. */
	recipe = $state('');
	primary = $state<string[]>([]);
	arms = $state<string[]>([]);
	/** Roles a chosen recipe needs that no endpoint plays (e.g. no constitution endpoint yet). */
	missingRoles = $state<string[]>([]);
	/** With pairing `listed`: the compared pairs, as `firstId|secondId`. */
	listedPairs = $state<string[]>([]);
	/** Set by the first attempt to create: from then on every field shows its problem. */
	submitted = $state(false);
	busy = $state(false);
	error = $state<string | undefined>(undefined);
	readonly selectionSet: SelectionSetSaver;

	readonly #db: () => ArenaDB;
	readonly #clock: Clock;
	readonly #newId: IdFactory;
	readonly #navigate: (hash: string) => void;
	#countRequest = 0;

	constructor(deps: StudyEditorDeps = {}) {
		this.#db = deps.db ?? getDb;
		this.#clock = deps.clock ?? systemClock;
		this.#newId = deps.newId ?? newId;
		this.#navigate = deps.navigate ?? ((hash) => (location.hash = hash));
		this.seed = newSeed(deps.random);
		this.handedOff = deps.handedOff && deps.handedOff.length > 0 ? deps.handedOff : undefined;
		this.selectionSet = new SelectionSetSaver(() => this.selectedIds(), {
			db: this.#db,
			now: () => nowIso(this.#clock),
			newId: this.#newId
		});
	}

	/** Items the study will use: the handed-off ones, else the filter's matches. */
	selectedCount = $derived.by(() => {
		const all = this.handedOff ? this.handedOff.length : this.matchCount;
		return all === undefined ? undefined : all - this.excluded.length;
	});

	leakTerms = $derived(splitTerms(this.leakTermsText));

	/** Pairs × items × repeats, plus the quality-control trials: what each rater will judge. */
	trialCount = $derived.by(() => {
		const pairs = studyPairs({
			endpointIds: this.endpointIds,
			pairing: this.pairing,
			baselineEndpointId: this.baselineId || undefined,
			pairs: pairsOfKeys(this.listedPairs)
		}).length;
		const main = pairs * (this.selectedCount ?? 0) * Math.max(1, Math.trunc(this.repeats) || 1);
		const extra = (percent: number) => Math.min(main, Math.round((percent / 100) * main));
		return main + extra(this.attentionPercent || 0) + extra(this.swapPercent || 0);
	});

	/**
	 * Decisive votes (ties do not count) one category — a trait, a domain — needs for the sign test
	 * to detect a 60 % win rate with 80 % power: the figure to hold the trial count against.
	 */
	readonly decisivePerCategory = requiredDecisiveJudgments();
	readonly powerTarget = DEFAULT_POWER;

	errors = $derived.by((): Partial<Record<EditorField, string>> => {
		const errors: Partial<Record<EditorField, string>> = {};
		const name = this.name.trim();
		if (name === '') errors.name = 'Give the study a name.';
		else if (name.length > 200) errors.name = 'Keep the name under 200 characters.';
		if (this.endpointIds.length < 2) errors.endpoints = 'Choose at least two endpoints.';
		if (this.pairing === 'listed' && this.trialCount === 0 && this.endpointIds.length >= 2) {
			errors.endpoints = 'Tick at least one pair of chosen endpoints to compare.';
		}
		if (this.pairing === 'each-vs-baseline' && !this.endpointIds.includes(this.baselineId)) {
			errors.baseline = 'Choose the baseline among the chosen endpoints.';
		}
		if (this.selectedCount === 0) errors.items = 'No prompt items are selected.';
		if (!Number.isInteger(this.repeats) || this.repeats < 1 || this.repeats > 20) {
			errors.repeats = 'Repeats must be a whole number from 1 to 20.';
		}
		if (!Number.isInteger(this.seed) || this.seed < 0 || this.seed > 0xffff_ffff) {
			errors.seed = 'The seed must be a whole number from 0 to 4294967295.';
		}
		if (this.traitQuestions === 'listed' && this.listedTraits.length === 0) {
			errors.traits = 'List at least one trait, or ask about each item’s own traits.';
		}
		for (const [field, value] of [
			['attention', this.attentionPercent],
			['swap', this.swapPercent]
		] as const) {
			if (!Number.isFinite(value) || value < 0 || value > MAX_SHARE_PERCENT) {
				errors[field] = `Use a share from 0 to ${MAX_SHARE_PERCENT}%.`;
			}
		}
		const badTerm = this.leakTerms.find((term) => term.length < 2 || term.length > 100);
		if (badTerm !== undefined) {
			errors.leakTerms = `“${badTerm.slice(0, 40)}”: each term needs 2 to 100 characters.`;
		}
		if (this.instructions.length > 20_000) {
			errors.instructions = 'Keep the instructions under 20,000 characters.';
		}
		return errors;
	});

	/** The message for a field, once the researcher has tried to create the study. */
	problem(field: EditorField): string | undefined {
		return this.submitted ? this.errors[field] : undefined;
	}

	toggleEndpoint(endpoint: Pick<Endpoint, 'id' | 'role'>): void {
		const chosen = this.endpointIds.includes(endpoint.id);
		if (!this.endpointIds.includes(this.baselineId)) this.baselineId = '';
		this.endpointIds = chosen
			? this.endpointIds.filter((id) => id !== endpoint.id)
			: [...this.endpointIds, endpoint.id];
		if (chosen && this.baselineId === endpoint.id) this.baselineId = '';
		const isBaseline = endpoint.role.trim().toLowerCase() === 'baseline';
		if (!chosen && !this.endpointIds.includes(this.baselineId) && isBaseline) {
			this.baselineId = endpoint.id;
		}
	}

	toggleTrait(trait: string): void {
		this.listedTraits = this.listedTraits.includes(trait)
			? this.listedTraits.filter((t) => t !== trait)
			: [...this.listedTraits, trait];
	}

	toggleFlag(flag: SideFlag): void {
		this.flags = this.flags.includes(flag)
			? this.flags.filter((f) => f !== flag)
			: SIDE_FLAGS.filter((f) => f === flag || this.flags.includes(f));
	}

	/** Deselects (or selects again) one item of the selection. */
	toggleItem(id: string): void {
		this.excluded = this.excluded.includes(id)
			? this.excluded.filter((other) => other !== id)
			: [...this.excluded, id];
	}

	showMoreItems(): Promise<void> {
		this.shownLimit += ITEM_LIST_STEP;
		return this.refreshMatches(false);
	}

	setFilter(field: FilterField, value: string): Promise<void> {
		this.filter = { ...this.filter, [field]: value || undefined };
		return this.refreshMatches();
	}

	/** Adds or removes one tag of the several-tags selection. */
	toggleTag(tag: string): Promise<void> {
		const tags = this.filter.tags ?? [];
		const next = tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag];
		this.filter = { ...this.filter, tags: next.length > 0 ? next : undefined };
		return this.refreshMatches();
	}

	setTagMode(mode: TagMode): Promise<void> {
		this.filter = { ...this.filter, tagMode: mode };
		return this.refreshMatches();
	}

	togglePrimary(category: string): void {
		this.primary = this.primary.includes(category)
			? this.primary.filter((entry) => entry !== category)
			: [...this.primary, category];
	}

	/**
	 * Fills the form from a research design: endpoints by role, pairing, items by tag, flags, and the
	 * proposed primary hypotheses and arms. Everything stays editable afterwards.
	 */
	applyRecipe(id: string, endpoints: readonly Endpoint[]): Promise<void> {
		Object.assign(this, recipeFields(id, endpoints, this.name));
		return this.refreshMatches();
	}

	togglePair(key: string): void {
		this.listedPairs = this.listedPairs.includes(key)
			? this.listedPairs.filter((entry) => entry !== key)
			: [...this.listedPairs, key];
	}

	/** Drops the handed-off items and goes back to choosing by filters. */
	useFilters(): Promise<void> {
		this.handedOff = undefined;
		return this.refreshMatches();
	}

	/**
	 * Counts the selection and reads its first items for review; a slower earlier read never
	 * overwrites a newer one. A new selection starts its list afresh, with nothing deselected.
	 */
	async refreshMatches(fresh = true): Promise<void> {
		const request = ++this.#countRequest;
		if (fresh) {
			this.matchCount = undefined;
			this.excluded = [];
			this.shownLimit = ITEM_LIST_STEP;
		}
		try {
			const db = this.#db();
			const { total, items } = this.handedOff
				? {
						total: undefined,
						items: await presentItems(db, this.handedOff.slice(0, this.shownLimit))
					}
				: await searchPromptItems(db, $state.snapshot(this.filter), this.shownLimit);
			if (request !== this.#countRequest) return;
			if (total !== undefined) this.matchCount = total;
			this.shownItems = items;
		} catch (cause) {
			if (request === this.#countRequest) this.error = describeStorageError(cause);
		}
	}

	/** Ids of the selected items (handed off, or the filter's matches) less those deselected. */
	async selectedIds(): Promise<string[]> {
		const ids = this.handedOff
			? [...this.handedOff]
			: await matchingPromptIds(this.#db(), $state.snapshot(this.filter));
		return ids.filter((id) => !this.excluded.includes(id));
	}

	newSeed(random?: Random): void {
		this.seed = newSeed(random);
	}

	/** Validates, plans and stores the study; opens it and returns its id, or undefined. */
	async create(): Promise<string | undefined> {
		this.submitted = true;
		this.error = undefined;
		if (Object.keys(this.errors).length > 0 || this.busy) return undefined;
		this.busy = true;
		try {
			const db = this.#db();
			const items = await presentItems(db, await this.selectedIds());
			if (items.length === 0) {
				this.error = 'None of the selected prompt items are in the library any more.';
				return undefined;
			}
			const input = this.#input(items.map((item) => item.id));
			const parsed = StudySchema.safeParse(input);
			if (!parsed.success) {
				this.error = zodIssues(parsed.error, input).map(formatIssue).join(' ');
				return undefined;
			}
			await createStudy(db, parsed.data, planTrials(parsed.data, items));
			void storageGuard.requestPersistence();
			this.#navigate(`#/studies/${encodeURIComponent(parsed.data.id)}`);
			return parsed.data.id;
		} catch (cause) {
			this.error = describeSaveFailure(cause);
			return undefined;
		} finally {
			this.busy = false;
		}
	}

	#input(itemIds: string[]) {
		return {
			id: this.#newId(),
			name: this.name.trim(),
			endpointIds: [...this.endpointIds],
			...(this.pairing === 'each-vs-baseline' ? { baselineEndpointId: this.baselineId } : {}),
			pairing: this.pairing,
			...(this.pairing === 'listed' ? { pairs: pairsOfKeys(this.listedPairs) } : {}),
			itemIds,
			repeats: this.repeats,
			seed: this.seed,
			rubric: {
				traitQuestions: this.traitQuestions,
				traits: this.traitQuestions === 'listed' ? [...this.listedTraits] : [],
				flags: [...this.flags],
				rationale: this.rationale
			},
			instructions: this.instructions.trim(),
			revealPolicy: this.revealPolicy,
			quality: {
				attentionShare: this.attentionPercent / 100,
				swapShare: this.swapPercent / 100,
				leakTerms: this.leakTerms
			},
			kind: 'study' as const,
			...(this.recipe || this.primary.length > 0 || this.arms.length > 0
				? {
						design: {
							recipe: this.recipe || 'custom',
							primary: [...this.primary],
							arms: [...this.arms]
						}
					}
				: {}),
			createdAt: nowIso(this.#clock)
		};
	}
}
