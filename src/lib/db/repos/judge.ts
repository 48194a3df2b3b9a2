// The study keeps its judges and their prompt template, so an export says how the model verdicts
// were obtained. Written in one transaction with a re-read, so an edit elsewhere is not lost.
import { StudySchema, type JudgeSettings } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';
import { StudyGoneError } from './study-gone';

export async function recordJudge(
	db: ArenaDB,
	studyId: string,
	judgeEndpointId: string,
	template: string
): Promise<JudgeSettings> {
	return db.transaction('rw', db.studies, async () => {
		const study = await db.studies.get(studyId);
		if (!study) throw new StudyGoneError(studyId);
		const endpointIds = [...new Set([...(study.judge?.endpointIds ?? []), judgeEndpointId])];
		const judge = { endpointIds, template };
		await db.studies.put(StudySchema.parse({ ...study, judge }));
		return judge;
	});
}

/** Turns "humans where they count" on or off; needs the judge settings a run has stored. */
export async function setHumansFirst(db: ArenaDB, studyId: string, on: boolean): Promise<void> {
	await db.transaction('rw', db.studies, async () => {
		const study = await db.studies.get(studyId);
		if (!study) throw new StudyGoneError(studyId);
		if (!study.judge) throw new Error('Run a judge on this study first.');
		await db.studies.put(
			StudySchema.parse({ ...study, judge: { ...study.judge, humansFirst: on } })
		);
	});
}

/** The judge prompt can change only before any model verdict exists: each verdict must match it. */
export async function saveJudgeTemplate(
	db: ArenaDB,
	studyId: string,
	template: string
): Promise<void> {
	await db.transaction('rw', db.studies, db.judgments, async () => {
		const study = await db.studies.get(studyId);
		if (!study) throw new StudyGoneError(studyId);
		const judged = await db.judgments
			.where('studyId')
			.equals(studyId)
			.filter((judgment) => judgment.raterKind === 'model')
			.count();
		if (judged > 0)
			throw new Error(
				'A judge has already given verdicts with the current prompt; the prompt stays as it is so every verdict can be reproduced.'
			);
		const judge = { endpointIds: [], ...study.judge, template };
		await db.studies.put(StudySchema.parse({ ...study, judge }));
	});
}
