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
	/** Human judgments, and the human raters who made them. */
	judgments: number;
	raters: number;
	/** Model-judge verdicts, and the judges that gave them. */
	judgeVerdicts: number;
	judges: number;
}

async function overviewOf(db: ArenaDB, study: Study): Promise<StudyOverview> {
	const byRater = () => db.judgments.where('[studyId+raterId]');
	const [trials, responses, raterKeys] = await Promise.all([
		db.trials.where('studyId').equals(study.id).count(),
		db.responses.where('studyId').equals(study.id).count(),
		byRater().between([study.id, ''], [study.id, '\uffff']).uniqueKeys()
	]);
	// One row and one count per rater: a judge is told apart by its judgments' kind, not its id.
	const perRater = await Promise.all(
		raterKeys.map(async (key) => ({
			judge: (await byRater().equals(key).first())?.raterKind === 'model',
			count: await byRater().equals(key).count()
		}))
	);
	const humans = perRater.filter((rater) => !rater.judge);
	const judges = perRater.filter((rater) => rater.judge);
	const sum = (list: { count: number }[]) => list.reduce((total, rater) => total + rater.count, 0);
	return {
		study,
		items: study.itemIds.length,
		trials,
		responses,
		judgments: sum(humans),
		raters: humans.length,
		judgeVerdicts: sum(judges),
		judges: judges.length
	};
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
