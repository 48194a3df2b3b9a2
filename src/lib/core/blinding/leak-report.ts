// Leak terms should never surprise a researcher. Two reports: which leak terms an endpoint's own
// system prompt contains (an answer quoting its constitution would then flag, and be left out of,
// most of that endpoint's trials), and, per endpoint, how many of its answers name a term and how
// many of its compared trials are therefore flagged and left out of the analysis by default.
import type { Endpoint, Response, Trial } from '../schema';
import { leakTermsFor, LeakScanner } from './leak-scan';

export interface SystemPromptLeak {
	endpointId: string;
	terms: string[];
}

/** Per endpoint with a system prompt, the leak terms it contains (endpoints without any omitted). */
export function systemPromptLeaks(
	endpoints: readonly Pick<Endpoint, 'id' | 'label' | 'model' | 'systemPrompt'>[],
	extraTerms: readonly string[] = []
): SystemPromptLeak[] {
	const scanner = new LeakScanner(leakTermsFor(endpoints, extraTerms));
	const found: SystemPromptLeak[] = [];
	for (const endpoint of endpoints) {
		const prompt = endpoint.systemPrompt?.trim() ?? '';
		if (prompt === '') continue;
		const terms = scanner.scan(prompt).map((match) => match.term);
		if (terms.length > 0) found.push({ endpointId: endpoint.id, terms });
	}
	return found;
}

export interface EndpointLeakCount {
	endpointId: string;
	/** Done answers of this endpoint that name a leak term. */
	namingAnswers: number;
	doneAnswers: number;
	/** Compared (main) trials with this endpoint on one side that are flagged, hence left out. */
	flaggedTrials: number;
	trials: number;
	/** The terms its answers name most often, most frequent first (at most three). */
	topTerms: string[];
}

/** Recomputes the flags from the answers, so the counts are right before any rater opens the study. */
export function leakCountsByEndpoint(
	endpointIds: readonly string[],
	endpoints: readonly Pick<Endpoint, 'id' | 'label' | 'model'>[],
	extraTerms: readonly string[],
	trials: readonly Pick<
		Trial,
		'kind' | 'leftResponseId' | 'rightResponseId' | 'leftEndpointId' | 'rightEndpointId'
	>[],
	responses: readonly Pick<Response, 'id' | 'endpointId' | 'status' | 'transcript'>[]
): EndpointLeakCount[] {
	const scanner = new LeakScanner(leakTermsFor(endpoints, extraTerms));
	const naming = new Map<string, string[]>();
	for (const response of responses) {
		if (response.status !== 'done') continue;
		naming.set(
			response.id,
			scanner.scanResponse(response).map((match) => match.term)
		);
	}
	const named = (id: string) => (naming.get(id)?.length ?? 0) > 0;
	return endpointIds.map((endpointId) => {
		const own = responses.filter((r) => r.endpointId === endpointId && r.status === 'done');
		const termCounts = new Map<string, number>();
		for (const response of own)
			for (const term of naming.get(response.id) ?? [])
				termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
		const compared = trials.filter(
			(t) =>
				t.kind === 'main' && (t.leftEndpointId === endpointId || t.rightEndpointId === endpointId)
		);
		return {
			endpointId,
			namingAnswers: own.filter((r) => named(r.id)).length,
			doneAnswers: own.length,
			flaggedTrials: compared.filter((t) => named(t.leftResponseId) || named(t.rightResponseId))
				.length,
			trials: compared.length,
			topTerms: [...termCounts]
				.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
				.slice(0, 3)
				.map(([term]) => term)
		};
	});
}
