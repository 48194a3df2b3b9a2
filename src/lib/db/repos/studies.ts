// A study is created together with its trial plan and the items it uses in one transaction, so
// a rater can never open a study whose plan is half written.
import { StudySchema, TrialSchema, type Study, type Trial } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';

export async function createStudy(
	db: ArenaDB,
	study: Study,
	trials: readonly Trial[]
): Promise<void> {
	const parsed = StudySchema.parse(study);
	const parsedTrials = trials.map((trial) => TrialSchema.parse(trial));
	await db.transaction('rw', db.studies, db.trials, async () => {
		await db.studies.add(parsed);
		await db.trials.bulkAdd(parsedTrials);
	});
}

/** Replaces the trial plan (e.g. once responses exist and leak flags are known). */
export async function replaceTrials(
	db: ArenaDB,
	studyId: string,
	trials: readonly Trial[]
): Promise<void> {
	const parsedTrials = trials.map((trial) => TrialSchema.parse(trial));
	await db.transaction('rw', db.trials, db.judgments, async () => {
		const judged = await db.judgments.where('studyId').equals(studyId).count();
		if (judged > 0) throw new Error('This study already has judgments: its trial plan is frozen.');
		await db.trials.where('studyId').equals(studyId).delete();
		await db.trials.bulkAdd(parsedTrials);
	});
}

export async function deleteStudy(db: ArenaDB, studyId: string): Promise<void> {
	await db.transaction('rw', [db.studies, db.trials, db.responses, db.judgments], async () => {
		await db.trials.where('studyId').equals(studyId).delete();
		await db.responses.where('studyId').equals(studyId).delete();
		await db.judgments.where('studyId').equals(studyId).delete();
		await db.studies.delete(studyId);
	});
}

export function trialsOfStudy(db: ArenaDB, studyId: string): Promise<Trial[]> {
	return db.trials.where('[studyId+position]').between([studyId, 0], [studyId, Infinity]).toArray();
}
