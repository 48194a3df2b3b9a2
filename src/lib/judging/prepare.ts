// Before a rater starts, two things derived from the responses must exist: the degraded copies
// attention checks show, and the identity-leak flag of each trial. Both are pure functions of the
// stored data, so computing them again on every open is safe; only the differences are written.
import { leakTermsFor, LeakScanner } from '$lib/core/blinding/leak-scan';
import { degradedResponse } from '$lib/core/plan/degrade';
import { degradedResponseId, responseId } from '$lib/core/plan/response-id';
import type { Endpoint, Response, Study, Trial } from '$lib/core/schema';
import type { TrialPreparation } from '$lib/db/repos/trials';

export function prepareTrials(
	study: Study,
	trials: readonly Trial[],
	responses: ReadonlyMap<string, Response>,
	endpoints: readonly Endpoint[],
	at: string
): TrialPreparation {
	const degraded: Response[] = [];
	for (const trial of trials) {
		if (trial.kind !== 'attention') continue;
		for (const endpointId of [trial.leftEndpointId, trial.rightEndpointId]) {
			const sourceId = responseId(study.id, trial.itemId, endpointId);
			const source = responses.get(sourceId);
			const wanted = degradedResponseId(sourceId);
			const onTrial = trial.leftResponseId === wanted || trial.rightResponseId === wanted;
			if (onTrial && source?.status === 'done' && !responses.has(wanted)) {
				degraded.push(degradedResponse(source, at));
			}
		}
	}

	// A bundle's rater never holds the endpoints or the leak terms: its trials keep the flags the
	// researcher's machine computed.
	if (study.kind === 'bundle') return { leakFlags: [], degraded };
	const scanner = new LeakScanner(leakTermsFor(endpoints, study.quality.leakTerms));
	const leaks = new Map<string, boolean>();
	const leaked = (id: string) => {
		let found = leaks.get(id);
		if (found === undefined) {
			const response = responses.get(id) ?? degraded.find((candidate) => candidate.id === id);
			found = response ? scanner.scanResponse(response).length > 0 : false;
			leaks.set(id, found);
		}
		return found;
	};
	const leakFlags: TrialPreparation['leakFlags'] = [];
	for (const trial of trials) {
		const flagged = leaked(trial.leftResponseId) || leaked(trial.rightResponseId);
		if (flagged !== trial.leakFlagged) leakFlags.push({ id: trial.id, leakFlagged: flagged });
	}
	return { leakFlags, degraded };
}
