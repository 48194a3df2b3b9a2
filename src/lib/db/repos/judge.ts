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
