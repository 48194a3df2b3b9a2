// The presenter's live arena stores each round as ordinary study data (a study of kind `live`, an
// item per round in the live prompt set, a trial, both responses and the audience's judgment), so
// a live session is durable and exports like any study. A round's item, trial and the study's
// item list are written in one transaction, before anything streams.
import {
	EndpointSchema,
	PromptItemSchema,
	PromptSetSchema,
	StudySchema,
	TrialSchema,
	type Endpoint,
	type Judgment,
	type PromptItem,
	type PromptSet,
	type Study,
	type Trial
} from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';
import { getItems, putItems } from './item-pages';

export const LIVE_SET_ID = 'live-arena-set';
export const LIVE_STUDY_SETTING = 'live-arena:study';

/** Adds the endpoints the database does not hold yet (e.g. the built-in demo endpoints). */
export async function ensureEndpoints(db: ArenaDB, endpoints: readonly Endpoint[]): Promise<void> {
	const parsed = endpoints.map((endpoint) => EndpointSchema.parse(endpoint));
	await db.transaction('rw', db.endpoints, async () => {
		const existing = await db.endpoints.bulkGet(parsed.map((endpoint) => endpoint.id));
		const missing = parsed.filter((_, index) => existing[index] === undefined);
		if (missing.length > 0) await db.endpoints.bulkAdd(missing);
	});
}

/** The endpoints with these ids, in order (undefined where one no longer exists). */
export function endpointsByIds(
	db: ArenaDB,
	ids: readonly string[]
): Promise<(Endpoint | undefined)[]> {
	return db.endpoints.bulkGet([...ids]);
}

export function studyById(db: ArenaDB, id: string): Promise<Study | undefined> {
	return db.studies.get(id);
}

export interface LiveRoundRecords {
	set: PromptSet;
	/** The live study as it should be before this round (created when new). */
	study: Study;
	item: PromptItem;
	trial: Trial;
}

/** Records a new round: the item joins the live study, and the trial fixes the sides. */
export async function startLiveRound(db: ArenaDB, records: LiveRoundRecords): Promise<Study> {
	const set = PromptSetSchema.parse(records.set);
	const item = PromptItemSchema.parse(records.item);
	const trial = TrialSchema.parse(records.trial);
	return db.transaction(
		'rw',
		[db.promptSets, db.promptPages, db.studies, db.trials, db.settings],
		async () => {
			if (!(await db.promptSets.get(set.id))) await db.promptSets.add(set);
			const stored = await db.studies.get(records.study.id);
			const base = stored ?? records.study;
			const study = StudySchema.parse({
				...base,
				itemIds: base.itemIds.includes(item.id) ? base.itemIds : [...base.itemIds, item.id]
			});
			await putItems(db, [item]);
			await db.studies.put(study);
			await db.trials.put(trial);
			await db.settings.put({ key: LIVE_STUDY_SETTING, value: study.id });
			return study;
		}
	);
}

/** How many rounds (trials) the live study already has: the next round's position. */
export function liveRoundCount(db: ArenaDB, studyId: string): Promise<number> {
	return db.trials.where('studyId').equals(studyId).count();
}

/** The live study the presenter used last, if it still exists. */
export async function currentLiveStudy(db: ArenaDB): Promise<Study | undefined> {
	const record = await db.settings.get(LIVE_STUDY_SETTING);
	if (typeof record?.value !== 'string') return undefined;
	const study = await db.studies.get(record.value);
	return study?.kind === 'live' ? study : undefined;
}

export async function forgetLiveStudy(db: ArenaDB): Promise<void> {
	await db.settings.delete(LIVE_STUDY_SETTING);
}

export interface LiveScoreData {
	study: Study;
	judgments: Judgment[];
	items: Pick<PromptItem, 'id' | 'traits'>[];
	endpoints: Endpoint[];
}

/** Everything the scoreboard is computed from, read in one transaction. */
export async function liveScoreData(
	db: ArenaDB,
	studyId: string
): Promise<LiveScoreData | undefined> {
	return db.transaction('r', [db.studies, db.judgments, db.promptPages, db.endpoints], async () => {
		const study = await db.studies.get(studyId);
		if (!study) return undefined;
		const [judgments, items, endpoints] = await Promise.all([
			db.judgments.where('studyId').equals(studyId).toArray(),
			getItems(db, study.itemIds),
			db.endpoints.bulkGet(study.endpointIds)
		]);
		return {
			study,
			judgments,
			items: items.flatMap((item) => (item ? [{ id: item.id, traits: item.traits }] : [])),
			endpoints: endpoints.filter((endpoint): endpoint is Endpoint => endpoint !== undefined)
		};
	});
}
