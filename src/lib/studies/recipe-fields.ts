// What choosing a research design sets in the new-study form (kept apart from the form's class so
// the class stays about editing): endpoints by role, pairing, flags, items by tag, and the proposed
// primary hypotheses and arms. No design clears the proposal and leaves the rest as it was.
import { endpointsForRecipe, recipeById } from '$lib/core/plan/recipes';
import type { Endpoint } from '$lib/core/schema';

/** `a|b` keys (as the form stores ticked pairs) to pairs of endpoint ids. */
export function pairsOfKeys(keys: readonly string[]): [string, string][] {
	return keys.map((key) => key.split('|') as [string, string]).filter((pair) => pair.length === 2);
}

export function recipeFields(id: string, endpoints: readonly Endpoint[], name: string) {
	const recipe = recipeById(id);
	if (!recipe) return { recipe: '', primary: [], arms: [], missingRoles: [] };
	const chosen = endpointsForRecipe(recipe, endpoints);
	return {
		recipe: recipe.id,
		name: name.trim() === '' ? recipe.title : name,
		endpointIds: chosen.endpointIds,
		baselineId: chosen.baselineId,
		missingRoles: chosen.missing,
		pairing: recipe.pairing,
		flags: [...recipe.flags],
		primary: [...recipe.design.primary],
		arms: [...recipe.design.arms],
		handedOff: undefined,
		filter: {
			...(recipe.tags.length > 0 ? { tags: [...recipe.tags] } : {}),
			tagMode: recipe.tagMode
		}
	};
}
