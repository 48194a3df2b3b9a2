// Reads and the few writes the judging session needs. The snapshot is read in one transaction so
// the session never sees a study with half its plan or a judgment without its trial; the
// preparation (leak flags, degraded copies for attention checks) is written in one transaction so
// it is either all there or redone next time. Neither touches the side assignment: once raters
// have judged, only derived metadata may change.
import type {
	Draft,
	Endpoint,
	Judgment,
	PromptItem,
	Response,
	Study,
	Trial
} from '$lib/core/schema';
import { loadSchemas } from '$lib/core/schema/load';
import type { ArenaDB } from '../arena-db';
import { draftKey, parseStoredDraft } from './judgments';
import { getItems } from './item-pages';

export interface JudgingSnapshot {
	study: Study;
	trials: Trial[];
	items: PromptItem[];
	responses: Response[];
	endpoints: Endpoint[];
	judgments: Judgment[];
	/** Model judges' verdicts on the study, for putting the trials they doubt first. */
	judgeVerdicts: Judgment[];
	draft: Draft | undefined;
}

export async function loadJudgingSnapshot(
	db: ArenaDB,
	studyId: string,
	raterId: string
): Promise<JudgingSnapshot | undefined> {
	const stored = await db.transaction(
		'r',
		[db.studies, db.trials, db.promptPages, db.responses, db.endpoints, db.judgments, db.drafts],
		async () => {
			const study = await db.studies.get(studyId);
			if (!study) return undefined;
			const [trials, items, responses, endpoints, judgments, draft, judgeVerdicts] =
				await Promise.all([
					db.trials.where('studyId').equals(studyId).toArray(),
					getItems(db, study.itemIds),
					db.responses.where('studyId').equals(studyId).toArray(),
					db.endpoints.bulkGet(study.endpointIds),
					db.judgments.where('[studyId+raterId]').equals([studyId, raterId]).toArray(),
					db.drafts.get(draftKey(studyId, raterId)),
					study.judge?.humansFirst
						? db.judgments
								.where('studyId')
								.equals(studyId)
								.filter((judgment) => judgment.raterKind === 'model')
								.toArray()
						: []
				]);
			return {
				study,
				trials,
				items: items.filter((item): item is PromptItem => item !== undefined),
				responses,
				endpoints: endpoints.filter((endpoint): endpoint is Endpoint => endpoint !== undefined),
				judgments,
				judgeVerdicts,
				draft
			};
		}
	);
	return stored && { ...stored, draft: await parseStoredDraft(stored.draft) };
}

export interface TrialPreparation {
	leakFlags: { id: string; leakFlagged: boolean }[];
	degraded: Response[];
}

export async function saveTrialPreparation(db: ArenaDB, preparation: TrialPreparation) {
	const { ResponseSchema } = await loadSchemas();
	const degraded = preparation.degraded.map((response) => ResponseSchema.parse(response));
	await db.transaction('rw', db.trials, db.responses, async () => {
		for (const { id, leakFlagged } of preparation.leakFlags) {
			await db.trials.update(id, { leakFlagged });
		}
		await db.responses.bulkPut(degraded);
	});
}
