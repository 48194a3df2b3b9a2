// The two machines of a real study, built with the app's own planner: a researcher's study of a
// baseline and a trained endpoint with attention checks and swap re-shows, exported as a bundle,
// opened on a rater's machine and judged there. What the attacker gets is what a rater's device
// holds (the bundle file and every table after judging); what it must guess is in `truth`.
import { exportStudyBundle } from '$lib/bundles/export-bundle';
import { gunzipText, hmacPrf, readBundleBytes } from '$lib/bundles/bundle-file';
import { bundleKeyMap } from '$lib/core/bundle/bundle';
import { buildJudgment } from '$lib/core/plan/resolve-judgment';
import { planTrials } from '$lib/core/plan/plan-trials';
import { raterOrder } from '$lib/core/plan/rater-order';
import { responseId } from '$lib/core/plan/response-id';
import { OVERALL_CHOICES, type Study, type Trial } from '$lib/core/schema';
import { randomInt, seededRandom, type Random } from '$lib/core/random/prng';
import { uuidv7 } from '$lib/core/ids';
import type { ArenaDB } from '$lib/db/arena-db';
import { addItems } from '$lib/db/repos/item-pages';
import { createStudy } from '$lib/db/repos/studies';
import { saveResponses } from '$lib/db/repos/responses';
import { installBundle } from '$lib/db/repos/bundles';
import { commitJudgment } from '$lib/db/repos/judgments';
import { testDb } from '../db/test-db';
import { makeEndpoint, makeItem, makeResponse, makeStudy } from '../factories';

export const ITEMS = 60;
export const BASELINE = 'ep-base-7f3a';
export const TRAINED = 'ep-tuned-91c2';
export const STUDY_ID = 'study-attack-0001';
export const SEED = 424242;

const WORDS =
	'the a answer may depend on your situation and it is wise to check with someone'.split(' ');

/** Neutral text whose length and words do not depend on who "wrote" it. */
function filler(random: Random): string {
	const count = 20 + randomInt(random, 80);
	return Array.from({ length: count }, () => WORDS[randomInt(random, WORDS.length)]).join(' ');
}

export interface Truth {
	/** Per rater-side trial id: is the left answer the baseline's? */
	baselineLeft: Map<string, boolean>;
	/** Per rater-side trial id: is it an attention check or a swap re-show? */
	check: Map<string, boolean>;
}

export interface RaterDevice {
	/** The bundle as the rater received it (gunzipped text). */
	bundleText: string;
	/** Every table of the rater's database after judging every trial, by table name. */
	tables: Record<string, unknown[]>;
	truth: Truth;
	/** Strings that name endpoints, roles, plan inputs or check kinds: none may appear. */
	secrets: string[];
}

async function researcherStudy(db: ArenaDB): Promise<{ study: Study; trials: Trial[] }> {
	await db.endpoints.bulkAdd([
		makeEndpoint({ id: BASELINE, label: 'Quokka base', model: 'quokka-base', role: 'baseline' }),
		makeEndpoint({ id: TRAINED, label: 'Quokka tuned', model: 'quokka-tuned', role: 'trained' })
	]);
	const items = Array.from({ length: ITEMS }, (_, index) =>
		makeItem({ id: `item-${String(index).padStart(3, '0')}`, turns: [`Question ${index}?`] })
	);
	await addItems(db, items);
	const study = makeStudy({
		id: STUDY_ID,
		name: 'Pilot',
		endpointIds: [BASELINE, TRAINED],
		baselineEndpointId: BASELINE,
		itemIds: items.map((item) => item.id),
		seed: SEED,
		quality: { attentionShare: 0.2, swapShare: 0.2, leakTerms: [] }
	});
	const trials = planTrials(study, items);
	await createStudy(db, study, trials);
	const random = seededRandom('attack-text');
	await saveResponses(
		db,
		items.flatMap((item) =>
			[BASELINE, TRAINED].map((endpointId, index) =>
				makeResponse({
					id: responseId(study.id, item.id, endpointId),
					studyId: study.id,
					itemId: item.id,
					endpointId,
					params: { model: index ? 'quokka-tuned' : 'quokka-base' },
					// Generated one endpoint after the other, as a runner would: times differ by side.
					createdAt: new Date(Date.UTC(2026, 10, 20 + index)).toISOString(),
					updatedAt: new Date(Date.UTC(2026, 10, 20 + index)).toISOString(),
					transcript: [
						{ role: 'user', content: item.turns[0] ?? '' },
						{ role: 'assistant', content: filler(random) }
					]
				})
			)
		)
	);
	return { study, trials };
}

/** Judges every trial in the rater's own order, with answers that carry no information. */
async function judgeEverything(rater: ArenaDB, studyId: string, raterId: string, random: Random) {
	const study = await rater.studies.get(studyId);
	const trials = await rater.trials.where('studyId').equals(studyId).toArray();
	if (!study) throw new Error('bundle not installed');
	let at = Date.UTC(2026, 10, 25, 9);
	for (const trial of raterOrder(trials, study.seed, raterId)) {
		at += 5_000 + randomInt(random, 60_000);
		const overall = OVERALL_CHOICES[randomInt(random, OVERALL_CHOICES.length)] ?? 'tie';
		const form = {
			overall,
			skipReason: null,
			traitChoices: {},
			flags: { left: [], right: [] },
			rationale: ''
		};
		await commitJudgment(
			rater,
			buildJudgment(trial, form, {
				id: uuidv7(at),
				app: '0.1.0',
				raterId,
				decisionMs: 4_000 + randomInt(random, 50_000),
				at: new Date(at).toISOString()
			})
		);
	}
}

/** One study, exported under a key drawn from `keySeed`, opened and judged on a fresh device. */
export async function raterDevice(keySeed: number): Promise<RaterDevice> {
	const researcher = testDb();
	const { study, trials } = await researcherStudy(researcher);
	const keyRandom = seededRandom('bundle-key', keySeed);
	const hex = (bytes: number) =>
		Array.from({ length: bytes }, () =>
			randomInt(keyRandom, 256).toString(16).padStart(2, '0')
		).join('');
	const file = await exportStudyBundle(researcher, study.id, {
		now: () => new Date('2026-11-24T09:00:00.000Z'),
		newKey: (at) => ({ bundleId: `b-${hex(12)}`, secret: hex(32), createdAt: at.toISOString() })
	});
	const rater = testDb();
	const payload = await readBundleBytes(file.bytes, file.fileName);
	await installBundle(rater, payload);
	await judgeEverything(rater, payload.study.id, 'rater-07', seededRandom('rater', keySeed));

	const key = (await researcher.studies.get(study.id))?.bundleKey;
	if (!key) throw new Error('no bundle key');
	const map = await bundleKeyMap(trials, await hmacPrf(key.secret));
	const truth: Truth = { baselineLeft: new Map(), check: new Map() };
	for (const [id, entry] of map) {
		truth.baselineLeft.set(id, entry.source.leftEndpointId === BASELINE);
		truth.check.set(id, entry.source.kind !== 'main');
	}
	const tables: Record<string, unknown[]> = {};
	for (const table of rater.tables) tables[table.name] = await table.toArray();
	return {
		bundleText: await gunzipText(file.bytes, file.fileName),
		tables,
		truth,
		secrets: [
			BASELINE,
			TRAINED,
			'Quokka',
			'quokka',
			'"baseline"',
			'"trained"',
			STUDY_ID,
			String(SEED),
			`${STUDY_ID}:trial`,
			':degraded',
			'"attention"',
			'"swap"',
			'gold',
			'swapOf',
			'degradedFrom'
		]
	};
}

/** The control: what a bundle that carried the plan (as schema 1 did) would have let through. */
export async function leakyDevice(): Promise<RaterDevice> {
	const researcher = testDb();
	const { study, trials } = await researcherStudy(researcher);
	const tables: Record<string, unknown[]> = {
		studies: [study],
		trials,
		responses: await researcher.responses.toArray()
	};
	return {
		bundleText: JSON.stringify(tables),
		tables,
		truth: {
			baselineLeft: new Map(trials.map((t) => [t.id, t.leftEndpointId === BASELINE])),
			check: new Map(trials.map((t) => [t.id, t.kind !== 'main']))
		},
		secrets: []
	};
}
