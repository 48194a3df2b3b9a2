// Reads behind the studies area: each study's counts for the list and detail pages. Counts use
// the studyId indexes only (no rows are loaded), so the list stays cheap however many responses
// and judgments a study holds.
import type { Study } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';

export interface StudyOverview {
	study: Study;
	items: number;
	trials: number;
	responses: number;
	judgments: number;
	raters: number;
}

async function overviewOf(db: ArenaDB, study: Study): Promise<StudyOverview> {
	const [trials, responses, judgments, raters] = await Promise.all([
		db.trials.where('studyId').equals(study.id).count(),
		db.responses.where('studyId').equals(study.id).count(),
		db.judgments.where('studyId').equals(study.id).count(),
		db.judgments
			.where('[studyId+raterId]')
			.between([study.id, ''], [study.id, '\uffff'])
			.uniqueKeys()
			.then((keys) => keys.length)
	]);
	return { study, items: study.itemIds.length, trials, responses, judgments, raters };
}

/** Every study, newest first, with its counts. */
export async function studyOverviews(db: ArenaDB): Promise<StudyOverview[]> {
	return db.transaction('r', [db.studies, db.trials, db.responses, db.judgments], async () => {
		const studies = await db.studies.orderBy('createdAt').reverse().toArray();
		return Promise.all(studies.map((study) => overviewOf(db, study)));
	});
}

export async function studyOverview(
	db: ArenaDB,
	studyId: string
): Promise<StudyOverview | undefined> {
	return db.transaction('r', [db.studies, db.trials, db.responses, db.judgments], async () => {
		const study = await db.studies.get(studyId);
		return study ? overviewOf(db, study) : undefined;
	});
}
