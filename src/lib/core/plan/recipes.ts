// The three research designs the app exists for, as pre-filled study set-ups: which endpoints (by
// role), how they are paired, which items (by tag), the primary hypotheses proposed for the lock,
// and the arms each rater's order is stratified by. A recipe only fills the form; every field stays
// editable, and nothing is locked until the researcher locks the hypotheses on the study page.
import type { Endpoint, SideFlag, Study, StudyDesign } from '../schema';
import { TRAIT_LABELS } from '../schema/vocabulary';

export type TagMode = 'any' | 'all';
export type RecipeId = 'trait-vs-baseline' | 'selective-persistence' | 'constitution-contrast';
type Role = 'trained' | 'baseline' | 'constitution';

export interface Recipe {
	id: RecipeId;
	title: string;
	question: string;
	/** Roles of the endpoints compared, in order; matched against each endpoint's role and label. */
	roles: readonly Role[];
	pairing: Study['pairing'];
	tags: readonly string[];
	tagMode: TagMode;
	flags: readonly SideFlag[];
	design: StudyDesign;
}

export const STEER_ARMS = ['tag:harmful-steer', 'tag:helpful-steer', 'tag:pressure'] as const;
const SIX_TRAITS = Object.keys(TRAIT_LABELS).map((trait) => `trait:${trait}`);

export const RECIPES: readonly Recipe[] = [
	{
		id: 'trait-vs-baseline',
		title: 'Trait-trained vs baseline',
		question: 'Is the trait-trained model better than a compute-matched baseline, trait by trait?',
		roles: ['trained', 'baseline'],
		pairing: 'each-vs-baseline',
		tags: [],
		tagMode: 'any',
		flags: ['harmful', 'refusal', 'factual-error', 'sycophantic', 'evasive'],
		design: { recipe: 'trait-vs-baseline', primary: SIX_TRAITS, arms: [] }
	},
	{
		id: 'selective-persistence',
		title: 'Selective persistence',
		question:
			'Does the trained model resist harmful steering and pressure yet still follow helpful instructions?',
		roles: ['trained', 'baseline'],
		pairing: 'each-vs-baseline',
		tags: ['harmful-steer', 'helpful-steer', 'pressure'],
		tagMode: 'any',
		flags: ['harmful', 'refusal', 'sycophantic', 'evasive'],
		design: { recipe: 'selective-persistence', primary: [...STEER_ARMS], arms: [...STEER_ARMS] }
	},
	{
		id: 'constitution-contrast',
		title: 'Constitution contrast',
		question:
			'How does the trained model compare with the same base model given a written constitution (as its endpoint system prompt)?',
		roles: ['trained', 'constitution', 'baseline'],
		pairing: 'all-pairs',
		tags: ['harmful-steer', 'helpful-steer', 'pressure'],
		tagMode: 'any',
		flags: ['harmful', 'refusal', 'sycophantic', 'evasive'],
		design: {
			recipe: 'constitution-contrast',
			primary: ['overall', 'tag:harmful-steer', 'tag:helpful-steer'],
			arms: [...STEER_ARMS]
		}
	}
];

export function recipeById(id: string): Recipe | undefined {
	return RECIPES.find((recipe) => recipe.id === id);
}

function playsRole(endpoint: Pick<Endpoint, 'role' | 'label' | 'systemPrompt'>, role: Role) {
	const text = `${endpoint.role} ${endpoint.label}`.toLowerCase();
	if (role === 'constitution') return text.includes('constitution');
	if (text.includes('constitution')) return false;
	return role === 'baseline' ? text.includes('baseline') : !text.includes('baseline');
}

export interface RecipeEndpoints {
	endpointIds: string[];
	baselineId: string;
	/** Roles no endpoint plays, for the form to ask for. */
	missing: Role[];
}

/**
 * Picks one endpoint per role of the recipe, first come first served, never the same one twice;
 * the built-in demo's endpoints (which answer nothing) only when nothing else plays the role.
 */
export function endpointsForRecipe(
	recipe: Recipe,
	all: readonly Pick<Endpoint, 'id' | 'role' | 'label' | 'systemPrompt' | 'preset'>[]
): RecipeEndpoints {
	const endpoints = [
		...all.filter((e) => e.preset !== 'demo'),
		...all.filter((e) => e.preset === 'demo')
	];
	const chosen: string[] = [];
	const missing: Role[] = [];
	let baselineId = '';
	for (const role of recipe.roles) {
		const match = endpoints.find((e) => !chosen.includes(e.id) && playsRole(e, role));
		if (!match) {
			missing.push(role);
			continue;
		}
		chosen.push(match.id);
		if (role === 'baseline') baselineId = match.id;
	}
	return { endpointIds: chosen, baselineId, missing };
}

/** True when the item's tags satisfy the selection: no tags chosen, any of them, or all of them. */
export function matchesTags(
	itemTags: readonly string[],
	tags: readonly string[],
	mode: TagMode
): boolean {
	if (tags.length === 0) return true;
	return mode === 'all'
		? tags.every((tag) => itemTags.includes(tag))
		: tags.some((tag) => itemTags.includes(tag));
}

/** The arm an item belongs to: the first arm whose category it carries, else `other`. */
export function armOf(
	item: { traits: readonly string[]; tags: readonly string[]; domain?: string | undefined },
	arms: readonly string[]
): string {
	const categories = new Set([
		...item.traits.map((trait) => `trait:${trait}`),
		...item.tags.map((tag) => `tag:${tag}`),
		...(item.domain ? [`domain:${item.domain}`] : [])
	]);
	return arms.find((arm) => categories.has(arm)) ?? 'other';
}
