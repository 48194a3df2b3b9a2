// Everything a generation run needs, read in one transaction so the plan is consistent: the
// study, its endpoints and items (in the study's order) and the responses stored so far.
import type { Endpoint, PromptItem, Response, Study } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';
import { getItems } from './item-pages';

export interface GenerationPlan {
	study: Study;
	endpoints: Endpoint[];
	items: PromptItem[];
	responses: Response[];
	/** Ids the study names that no longer exist (deleted since). */
	missingEndpointIds: string[];
	missingItemIds: string[];
}

export async function loadGenerationPlan(
	db: ArenaDB,
	studyId: string
): Promise<GenerationPlan | undefined> {
	return db.transaction('r', [db.studies, db.endpoints, db.promptPages, db.responses], async () => {
		const study = await db.studies.get(studyId);
		if (!study) return undefined;
		const endpoints = await db.endpoints.bulkGet(study.endpointIds);
		const items = await getItems(db, study.itemIds);
		const responses = await db.responses.where('studyId').equals(studyId).toArray();
		return {
			study,
			endpoints: endpoints.filter((endpoint): endpoint is Endpoint => endpoint !== undefined),
			items: items.filter((item): item is PromptItem => item !== undefined),
			responses,
			missingEndpointIds: study.endpointIds.filter((_, index) => endpoints[index] === undefined),
			missingItemIds: study.itemIds.filter((_, index) => items[index] === undefined)
		};
	});
}

export function countResponsesOfStudy(db: ArenaDB, studyId: string): Promise<number> {
	return db.responses.where('studyId').equals(studyId).count();
}
