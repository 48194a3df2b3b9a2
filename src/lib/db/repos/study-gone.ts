// A write that belongs to a study checks, in its own transaction, that the study is still there.
// If the browser deleted the app's storage (a full disk, say) while a generation or a judging
// session ran, the next write fails with this error instead of storing orphans in an empty
// database that then looks as if nothing had happened.
import type { ArenaDB } from '../arena-db';

export class StudyGoneError extends Error {
	override name = 'StudyGoneError';
	constructor(readonly studyId: string) {
		super(
			'This study is no longer in this browser’s storage (it was deleted, or the browser cleared the app’s data), so nothing more was saved for it.'
		);
	}
}

/** Throws StudyGoneError unless the study exists; call it inside the write's transaction. */
export async function requireStudy(db: ArenaDB, studyId: string): Promise<void> {
	if ((await db.studies.where(':id').equals(studyId).count()) === 0)
		throw new StudyGoneError(studyId);
}
