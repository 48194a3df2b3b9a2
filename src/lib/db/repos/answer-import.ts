// Answers generated elsewhere land in one transaction: new key-less endpoints, the study widened to
// them with its trial plan made again (only while nothing is judged), and the answers as done
// Responses. If anything fails, nothing is stored.
import type { AnswerPlan, AnswerTarget } from '$lib/core/codecs/answers/match';
import { planTrials } from '$lib/core/plan/plan-trials';
import {
	EndpointSchema,
	ResponseSchema,
	StudySchema,
	TrialSchema,
	type PromptItem
} from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';
import { getItems } from './item-pages';
import { StudyGoneError } from './study-gone';

export async function loadAnswerTarget(db: ArenaDB, studyId: string): Promise<AnswerTarget> {
	return db.transaction(
		'r',
		[db.studies, db.promptPages, db.endpoints, db.responses, db.judgments],
		async () => {
			const study = await db.studies.get(studyId);
			if (!study) throw new StudyGoneError(studyId);
			const [items, endpoints, responses, judgments] = await Promise.all([
				getItems(db, study.itemIds),
				db.endpoints.bulkGet(study.endpointIds),
				db.responses.where('studyId').equals(studyId).toArray(),
				db.judgments.where('studyId').equals(studyId).count()
			]);
			const missing = study.itemIds.filter((_, index) => !items[index]);
			if (missing.length)
				throw new Error(
					`This study lists ${missing.length} prompt item(s) no longer in the library, so answers cannot be matched to it.`
				);
			return {
				study,
				items: items as PromptItem[],
				endpoints: endpoints.filter((endpoint) => endpoint !== undefined),
				answered: new Set(responses.filter((r) => r.status === 'done').map((r) => r.id)),
				judged: judgments > 0
			};
		}
	);
}

/** Stores a plan made from `target`; refuses if the study changed in a way the plan relied on. */
export async function applyAnswerPlan(
	db: ArenaDB,
	target: AnswerTarget,
	plan: AnswerPlan
): Promise<void> {
	const endpoints = plan.newEndpoints.map((endpoint) => EndpointSchema.parse(endpoint));
	const responses = plan.responses.map((response) => ResponseSchema.parse(response));
	await db.transaction(
		'rw',
		[db.studies, db.endpoints, db.trials, db.judgments, db.responses],
		async () => {
			const study = await db.studies.get(target.study.id);
			if (!study) throw new StudyGoneError(target.study.id);
			if (endpoints.length) {
				if ((await db.judgments.where('studyId').equals(study.id).count()) > 0)
					throw new Error(
						'This study was judged while the answers were read: no endpoint can join it now. Import again.'
					);
				const widened = StudySchema.parse({
					...study,
					endpointIds: [...study.endpointIds, ...endpoints.map((endpoint) => endpoint.id)]
				});
				const trials = planTrials(widened, target.items).map((trial) => TrialSchema.parse(trial));
				await db.endpoints.bulkAdd(endpoints);
				await db.studies.put(widened);
				await db.trials.where('studyId').equals(study.id).delete();
				await db.trials.bulkAdd(trials);
			}
			await db.responses.bulkPut(responses);
		}
	);
}
