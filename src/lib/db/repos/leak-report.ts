// The leak report of a study page: its endpoints' prompts and answers, scanned with the same
// terms the judging session uses, so the counts shown match what the analysis leaves out.
import { leakCountsByEndpoint, systemPromptLeaks } from '$lib/core/blinding/leak-report';
import type { EndpointLeakCount, SystemPromptLeak } from '$lib/core/blinding/leak-report';
import type { Endpoint } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';

export interface StudyLeakReport {
	prompts: SystemPromptLeak[];
	counts: EndpointLeakCount[];
}

export async function studyLeakReport(
	db: ArenaDB,
	studyId: string
): Promise<StudyLeakReport | undefined> {
	return db.transaction('r', [db.studies, db.trials, db.responses, db.endpoints], async () => {
		const study = await db.studies.get(studyId);
		if (!study || study.kind === 'bundle') return undefined;
		const [trials, responses, found] = await Promise.all([
			db.trials.where('studyId').equals(studyId).toArray(),
			db.responses.where('studyId').equals(studyId).toArray(),
			db.endpoints.bulkGet(study.endpointIds)
		]);
		const endpoints = found.filter((endpoint): endpoint is Endpoint => endpoint !== undefined);
		const terms = study.quality.leakTerms;
		return {
			prompts: systemPromptLeaks(endpoints, terms),
			counts: leakCountsByEndpoint(study.endpointIds, endpoints, terms, trials, responses)
		};
	});
}
