// Locking a study's primary hypotheses. One transaction reads the study and its judgment count
// and writes the registration only if nothing was judged yet and nothing was locked before, so
// a second tab or a judgment arriving meanwhile cannot slip past the check.
import { StudySchema, type Preregistration, type Study } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';
import { presentItems } from './item-pages';

export class PreregistrationError extends Error {}

export async function lockStudyPreregistration(
	db: ArenaDB,
	studyId: string,
	make: (study: Study) => Preregistration
): Promise<Preregistration> {
	return db.transaction('rw', db.studies, db.judgments, async () => {
		const study = await db.studies.get(studyId);
		if (!study) throw new PreregistrationError('The study no longer exists.');
		if (study.preregistration) {
			throw new PreregistrationError(
				`The hypotheses were already locked at ${study.preregistration.lockedAt}.`
			);
		}
		const judged = await db.judgments.where('studyId').equals(studyId).count();
		if (judged > 0) {
			throw new PreregistrationError(
				`The study already has ${judged} judgment${judged === 1 ? '' : 's'}: hypotheses can only be locked before the first one.`
			);
		}
		const preregistration = make(study);
		await db.studies.put(StudySchema.parse({ ...study, preregistration }));
		return preregistration;
	});
}

/** Traits the study's prompt items probe, for the hypotheses offered. */
export async function studyTraits(db: ArenaDB, studyId: string): Promise<string[]> {
	const study = await db.studies.get(studyId);
	if (!study) return [];
	const items = await presentItems(db, study.itemIds);
	return [...new Set(items.flatMap((item) => item.traits))].sort();
}

/** The primary hypotheses the study's design proposes (from its recipe), if any. */
export async function proposedHypotheses(db: ArenaDB, studyId: string): Promise<string[]> {
	return (await db.studies.get(studyId))?.design?.primary ?? [];
}
