// Pre-registration: the primary hypotheses are fixed, with the time and a content hash, before
// the first judgment. The hash covers the study id, hypotheses, alpha and lock time in canonical
// JSON, so anyone holding an export can recompute it and see that nothing was edited afterwards.
import { canonicalJson } from '../canonical-json';
import { hashText } from '../content-hash';
import type { Preregistration } from '../schema/study';
import { OVERALL } from '../stats/summary';

export interface PreregistrationDraft {
	hypotheses: readonly string[];
	alpha: number;
}

function hashOf(studyId: string, draft: PreregistrationDraft, lockedAt: string): string {
	return hashText(
		canonicalJson({ studyId, hypotheses: [...draft.hypotheses], alpha: draft.alpha, lockedAt })
	);
}

/** Hypotheses sorted and deduplicated so the same choice always gives the same hash. */
export function lockPreregistration(
	studyId: string,
	draft: PreregistrationDraft,
	lockedAt: string
): Preregistration {
	const hypotheses = [...new Set(draft.hypotheses.map((h) => h.trim()).filter(Boolean))].sort();
	if (hypotheses.length === 0) throw new RangeError('Choose at least one primary hypothesis.');
	if (!(draft.alpha > 0 && draft.alpha < 1)) throw new RangeError('alpha must be between 0 and 1.');
	const normalised = { hypotheses, alpha: draft.alpha };
	return { ...normalised, lockedAt, hash: hashOf(studyId, normalised, lockedAt) };
}

/** True when the stored hash still matches what it covers. */
export function preregistrationIntact(studyId: string, registration: Preregistration): boolean {
	return registration.hash === hashOf(studyId, registration, registration.lockedAt);
}

/** The choices offered when locking: the overall verdict and each trait the items probe. */
export function candidateHypotheses(traits: Iterable<string>): string[] {
	return [OVERALL, ...[...new Set(traits)].sort().map((trait) => `trait:${trait}`)];
}

/**
 * The family when nothing was pre-registered: one hypothesis per trait present (or the overall
 * verdict when items carry no traits). The view says it was chosen after the fact.
 */
export function defaultFamily(categories: Iterable<string>): string[] {
	const traits = [...categories].filter((category) => category.startsWith('trait:')).sort();
	return traits.length > 0 ? traits : [OVERALL];
}
