// Rater agreement on the overall verdict (§5), for items judged by several raters. Verdicts are
// put on the ordinal scale loss < tie < win; "both bad" is not a point on that scale, so it
// counts as missing for alpha and as its own label for kappa (nominal, so no order is needed).
import type { Outcome, Vote } from './types';
import { cohenKappaShared, type KappaResult, type Label } from './kappa';
import { krippendorffAlpha, type AlphaResult } from './krippendorff';

export interface OutcomeAgreement {
	/** Items with verdicts from at least two raters. */
	sharedItems: number;
	raters: number;
	/** Krippendorff's alpha, ordinal metric, over all raters. */
	alpha: AlphaResult;
	/** Cohen's kappa when exactly two raters judged shared items, otherwise null. */
	kappa: KappaResult | null;
}

const ORDINAL: Record<Outcome, number | null> = { loss: 0, tie: 1, win: 2, 'both-bad': null };

export function outcomeAgreement(
	votes: Iterable<Pick<Vote, 'itemId' | 'raterId' | 'outcome'>>
): OutcomeAgreement {
	// item → rater → first verdict: a rater's own re-show is a consistency check, not a second
	// opinion, and counting it would inflate agreement.
	const byItem = new Map<string, Map<string, Outcome>>();
	for (const { itemId, raterId, outcome } of votes) {
		let raters = byItem.get(itemId);
		if (!raters) byItem.set(itemId, (raters = new Map()));
		if (!raters.has(raterId)) raters.set(raterId, outcome);
	}
	const shared = [...byItem.entries()].filter(([, raters]) => raters.size >= 2);
	const raterIds = new Set<string>();
	for (const [, raters] of shared) for (const raterId of raters.keys()) raterIds.add(raterId);
	const alpha = krippendorffAlpha(
		shared.map(([, raters]) => [...raters.values()].map((outcome) => ORDINAL[outcome]))
	);
	let kappa: KappaResult | null = null;
	if (raterIds.size === 2) {
		const [first, second] = [...raterIds];
		const labels = (raterId: string | undefined) => {
			const map = new Map<string, Label>();
			for (const [itemId, raters] of shared) {
				const outcome = raterId === undefined ? undefined : raters.get(raterId);
				if (outcome !== undefined) map.set(itemId, outcome);
			}
			return map;
		};
		kappa = cohenKappaShared(labels(first), labels(second));
	}
	return { sharedItems: shared.length, raters: raterIds.size, alpha, kappa };
}
