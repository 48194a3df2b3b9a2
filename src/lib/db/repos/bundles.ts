// Study bundles cross machines, so each side's write is one transaction with a clear outcome:
// the researcher's export fixes the opaque map on the study as it reads the data; the rater's
// install writes study, items, responses and plan together or not at all, and reopening the same
// bundle is a no-op while a different bundle under the same study id is refused (a rater's
// progress must never be judged against a changed plan); a merge adds new judgments and never
// overwrites one.
import { canonicalJson } from '$lib/core/canonical-json';
import { buildBatchInput } from '$lib/core/bundle/openai-batch';
import type { BundlePayload, BundleSource } from '$lib/core/bundle/bundle';
import type {
	BundleKey,
	Endpoint,
	Judgment,
	PromptItem,
	Response,
	Study,
	Trial
} from '$lib/core/schema';
import { verdictFingerprint } from '$lib/core/bundle/rater-judgments';
import type { ArenaDB } from '../arena-db';
import { addItems, getItems, presentItems } from './item-pages';

export class BundleInstallError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BundleInstallError';
	}
}

/** Reads what a bundle of the study needs and fixes the study's bundle key, atomically. */
export async function loadBundleSource(
	db: ArenaDB,
	studyId: string,
	newKey: () => BundleKey
): Promise<{ source: BundleSource; key: BundleKey }> {
	return db.transaction('rw', [db.studies, db.promptPages, db.responses, db.trials], async () => {
		const study = await db.studies.get(studyId);
		if (!study) throw new BundleInstallError('This study no longer exists.');
		if (study.kind === 'bundle')
			throw new BundleInstallError(
				'This study was opened from a bundle: only the researcher who made it can export it.'
			);
		const items = await presentItems(db, study.itemIds);
		const responses = await db.responses.where('studyId').equals(studyId).toArray();
		const trials = await db.trials.where('studyId').equals(studyId).toArray();
		const key = study.bundleKey ?? newKey();
		if (!study.bundleKey) await db.studies.put({ ...study, bundleKey: key });
		return { source: { study, items, responses, trials }, key };
	});
}

export function studyById(db: ArenaDB, id: string): Promise<Study | undefined> {
	return db.studies.get(id);
}

/** The researcher's study a bundle was exported from (few studies: a scan is enough). */
export function studyByBundleId(db: ArenaDB, bundleId: string): Promise<Study | undefined> {
	return db.studies.filter((study) => study.bundleKey?.bundleId === bundleId).first();
}

export function trialsOfStudy(db: ArenaDB, studyId: string): Promise<Trial[]> {
	return db.trials.where('studyId').equals(studyId).toArray();
}

export async function endpointsByIds(db: ArenaDB, ids: readonly string[]): Promise<Endpoint[]> {
	return (await db.endpoints.bulkGet([...ids])).filter((endpoint) => endpoint !== undefined);
}

export type InstallOutcome = 'installed' | 'already-open';

/**
 * Whether every incoming record is stored unchanged. Judging adds derived data on the rater's
 * machine (degraded copies for attention checks, recomputed leak flags), so extra records and
 * the fields named in `derived` do not make a bundle "different".
 */
function sameRecords<T extends { id: string }>(
	existing: readonly T[],
	incoming: readonly T[],
	derived: readonly (keyof T)[] = []
) {
	const strip = (record: T) => {
		const copy: Partial<T> = { ...record };
		for (const field of derived) delete copy[field];
		return canonicalJson(copy);
	};
	const byId = new Map(existing.map((record) => [record.id, strip(record)]));
	return incoming.every((record) => byId.get(record.id) === strip(record));
}

/** Writes an opened bundle into the rater's database in one transaction. */
export async function installBundle(db: ArenaDB, payload: BundlePayload): Promise<InstallOutcome> {
	const { study, items, responses, trials } = payload;
	return db.transaction('rw', [db.studies, db.promptPages, db.responses, db.trials], async () => {
		const original = await db.studies
			.filter((stored) => stored.bundleKey?.bundleId === study.id)
			.first();
		if (original)
			throw new BundleInstallError(
				`This browser holds the original of study “${original.name}”: open the bundle on a rater’s browser or profile, not the researcher’s.`
			);
		const existing = await db.studies.get(study.id);
		if (existing) {
			if (existing.kind !== 'bundle')
				throw new BundleInstallError(
					`This browser holds the original of study “${existing.name}”: open the bundle on a rater’s browser or profile, not the researcher’s.`
				);
			const storedTrials = await db.trials.where('studyId').equals(study.id).toArray();
			const same =
				canonicalJson(existing) === canonicalJson(study) &&
				storedTrials.length === trials.length &&
				sameRecords(storedTrials, trials, ['leakFlagged']) &&
				sameRecords(await db.responses.where('studyId').equals(study.id).toArray(), responses);
			if (!same)
				throw new BundleInstallError(
					`A different version of study “${existing.name}” is already open in this browser. Finish and export it, or ask the researcher which bundle is current.`
				);
		}
		const known = await getItems(
			db,
			items.map((item) => item.id)
		);
		const fresh = items.filter((item, index) => {
			const stored = known[index];
			if (!stored) return true;
			if (canonicalJson(stored) !== canonicalJson(item))
				throw new BundleInstallError(
					`Prompt item ${item.id} differs from the one already in this browser; the bundle was not opened.`
				);
			return false;
		});
		if (existing) return 'already-open';
		await addItems(db, fresh);
		await db.responses.bulkAdd(responses);
		await db.trials.bulkAdd(trials);
		await db.studies.add(study);
		return 'installed';
	});
}

export interface MergeCounts {
	added: number;
	duplicates: number;
	conflicts: number;
}

/**
 * Adds judgments already mapped to real endpoints. Same id and same content: duplicate. Same id
 * with other content, or a second judgment of the same trial by the same rater: conflict, kept
 * out. Every judgment must name a trial of the study whose sides match it, and none may repeat
 * another rater's stored verdict (a relabelled copy of their file), or nothing is written.
 */
export async function mergeJudgments(
	db: ArenaDB,
	studyId: string,
	judgments: readonly Judgment[]
): Promise<MergeCounts> {
	return db.transaction('rw', [db.judgments, db.trials], async () => {
		const trials = new Map(
			(await db.trials.where('studyId').equals(studyId).toArray()).map((t) => [t.id, t])
		);
		for (const judgment of judgments) {
			const trial = trials.get(judgment.trialId);
			if (
				!trial ||
				trial.itemId !== judgment.itemId ||
				trial.leftEndpointId !== judgment.leftEndpointId ||
				trial.rightEndpointId !== judgment.rightEndpointId
			)
				throw new BundleInstallError(
					`Judgment ${judgment.id} does not match trial ${judgment.trialId} of this study; nothing from this file was merged.`
				);
		}
		const stored = await db.judgments.where('studyId').equals(studyId).toArray();
		refuseRelabelledCopy(stored, judgments);
		const byId = new Map(stored.map((judgment) => [judgment.id, judgment]));
		const byRaterTrial = new Map(stored.map((j) => [`${j.raterId}\u0000${j.trialId}`, j.id]));
		const fresh: Judgment[] = [];
		const counts: MergeCounts = { added: 0, duplicates: 0, conflicts: 0 };
		for (const judgment of judgments) {
			const same = byId.get(judgment.id);
			const raterTrial = `${judgment.raterId}\u0000${judgment.trialId}`;
			if (same) {
				if (canonicalJson(same) === canonicalJson(judgment)) counts.duplicates++;
				else counts.conflicts++;
			} else if (byRaterTrial.has(raterTrial)) counts.conflicts++;
			else {
				fresh.push(judgment);
				byId.set(judgment.id, judgment);
				byRaterTrial.set(raterTrial, judgment.id);
				counts.added++;
			}
		}
		await db.judgments.bulkAdd(fresh);
		return counts;
	});
}

function refuseRelabelledCopy(stored: readonly Judgment[], incoming: readonly Judgment[]) {
	const owners = new Map(
		stored.map((judgment) => [verdictFingerprint(judgment), judgment.raterId])
	);
	const copied = new Map<string, number>();
	for (const judgment of incoming) {
		const owner = owners.get(verdictFingerprint(judgment));
		if (owner !== undefined && owner !== judgment.raterId)
			copied.set(owner, (copied.get(owner) ?? 0) + 1);
	}
	const [owner, count] = [...copied].sort((a, b) => b[1] - a[1])[0] ?? [];
	if (owner !== undefined)
		throw new BundleInstallError(
			`${count} of its ${incoming.length} judgments are identical to rater ${owner}’s already merged (same trial, answers, decision time and moment): it is a copy of ${owner}’s file under another rater id. Nothing from this file was merged.`
		);
}

export interface BatchContext {
	study: Study;
	items: PromptItem[];
	endpoints: Endpoint[];
	responses: Response[];
}

/** Everything a Batch API export or import of the study reads, from one consistent snapshot. */
export async function loadBatchContext(db: ArenaDB, studyId: string): Promise<BatchContext> {
	return db.transaction('r', [db.studies, db.promptPages, db.endpoints, db.responses], async () => {
		const study = await db.studies.get(studyId);
		if (!study) throw new BundleInstallError('This study no longer exists.');
		const items = await presentItems(db, study.itemIds);
		const endpoints = (await db.endpoints.bulkGet(study.endpointIds)).filter(
			(endpoint) => endpoint !== undefined
		);
		const responses = await db.responses.where('studyId').equals(studyId).toArray();
		return { study, items, endpoints, responses };
	});
}

export interface BundleStudyOverview {
	id: string;
	name: string;
	trials: number;
	/** Raters who judged in this browser, with how many trials each has judged. */
	raters: { raterId: string; judged: number }[];
}

/** The studies this browser opened from bundles, for the rater's bundle page. */
export async function bundleStudiesOverview(db: ArenaDB): Promise<BundleStudyOverview[]> {
	const studies = await db.studies.where('kind').equals('bundle').toArray();
	return Promise.all(
		studies
			.sort((a, b) => a.name.localeCompare(b.name))
			.map(async (study) => {
				const judged = new Map<string, number>();
				await db.judgments
					.where('studyId')
					.equals(study.id)
					.each((j) => judged.set(j.raterId, (judged.get(j.raterId) ?? 0) + 1));
				return {
					id: study.id,
					name: study.name,
					trials: await db.trials.where('studyId').equals(study.id).count(),
					raters: [...judged]
						.map(([raterId, count]) => ({ raterId, judged: count }))
						.sort((a, b) => a.raterId.localeCompare(b.raterId))
				};
			})
	);
}

export interface BundleReadiness {
	trials: number;
	/** Trials whose two responses are finished: what a bundle would carry now. */
	ready: number;
	/** The study has been exported as a bundle before (its opaque map is fixed). */
	exported: boolean;
	kind: Study['kind'];
}

export async function bundleReadiness(
	db: ArenaDB,
	studyId: string
): Promise<BundleReadiness | undefined> {
	const study = await db.studies.get(studyId);
	if (!study) return undefined;
	const done = new Set<string>();
	await db.responses
		.where('studyId')
		.equals(studyId)
		.each((response) => {
			if (response.status === 'done') done.add(response.id);
		});
	const trials = await db.trials.where('studyId').equals(studyId).toArray();
	return {
		trials: trials.length,
		ready: trials.filter((t) => done.has(t.leftResponseId) && done.has(t.rightResponseId)).length,
		exported: study.bundleKey !== undefined || study.bundleMap !== undefined,
		kind: study.kind
	};
}

export interface EndpointBatch {
	endpointId: string;
	label: string;
	/** Requests the next input file would hold (the next turn of every unfinished item). */
	requests: number;
	complete: number;
	items: number;
}

export function batchSummaries(context: BatchContext): EndpointBatch[] {
	const existing = new Map(context.responses.map((response) => [response.id, response]));
	return context.endpoints.map((endpoint) => {
		const input = buildBatchInput(context.study.id, context.items, endpoint, existing);
		return {
			endpointId: endpoint.id,
			label: endpoint.label,
			requests: input.requests,
			complete: input.complete,
			items: context.items.length
		};
	});
}

/** What each endpoint of the study still needs from the Batch API (a live query's reader). */
export async function batchStatus(db: ArenaDB, studyId: string): Promise<EndpointBatch[]> {
	return batchSummaries(await loadBatchContext(db, studyId));
}
