// The no-key demo is ordinary data: a prompt set, two endpoints that point nowhere (preset `demo`,
// an `.invalid` host), a study whose answers were written in advance, and its trial plan. Keeping it
// ordinary means the arena, results and exports need no demo special cases. It is installed once per
// device, in one transaction, and a settings flag remembers that: deleting the demo keeps it deleted,
// and two tabs opening at once cannot install it twice.
import { nowIso, systemClock, type Clock } from '$lib/core/clock';
import { promptContentHash } from '$lib/core/content-hash';
import { planTrials } from '$lib/core/plan/plan-trials';
import { responseId } from '$lib/core/plan/response-id';
import {
	EndpointSchema,
	PromptItemSchema,
	PromptSetSchema,
	ResponseSchema,
	StudySchema,
	TrialSchema,
	type Endpoint,
	type Message,
	type PromptItem,
	type Response,
	type Study
} from '$lib/core/schema';
import type { ArenaDB } from '$lib/db/arena-db';
import { putItems } from '$lib/db/repos/item-pages';
import type { RawSuiteItem } from '$lib/prompts/builtin-suite';
import raw from './data/demo-study.json';
import { DEMO_INSTALLED_KEY, DEMO_STUDY_ID } from './demo-ids';
import { persistenceDemo } from './persistence-demo';

export { DEMO_INSTALLED_KEY, DEMO_STUDY_ID } from './demo-ids';
export const DEMO_SET_ID = 'demo-set';
export const DEMO_BASE_URL = 'https://demo.invalid/v1';
const DEMO_SEED = 20_261_123;

export interface DemoEndpoint {
	key: string;
	label: string;
	role: string;
	model: string;
}
/** A suite item plus the answers written in advance, per demo endpoint key, one per user turn. */
export interface DemoItem extends RawSuiteItem {
	answers: Record<string, string[]>;
}
export interface DemoFile {
	format?: string;
	schema?: number;
	name: string;
	notice: string;
	endpoints: DemoEndpoint[];
	items: DemoItem[];
}

const demo: DemoFile = raw;

/** Opaque ids: an endpoint id must not hint at its role even if it ever reached the screen. */
export function demoEndpointId(index: number): string {
	return `demo-endpoint-${index + 1}`;
}

export interface DemoRecords {
	endpoints: Endpoint[];
	items: PromptItem[];
	study: Study;
	responses: Response[];
}

/** Builds (and validates) every demo record from the bundled JSON. */
export function demoRecords(at: string): DemoRecords {
	const endpointIdByKey = new Map(demo.endpoints.map((e, index) => [e.key, demoEndpointId(index)]));
	const endpoints = demo.endpoints.map((endpoint, index) =>
		EndpointSchema.parse({
			id: demoEndpointId(index),
			label: endpoint.label,
			role: endpoint.role,
			preset: 'demo',
			baseURL: DEMO_BASE_URL,
			model: endpoint.model,
			createdAt: at,
			updatedAt: at
		})
	);
	const items = demo.items.map((item) =>
		PromptItemSchema.parse({
			id: item.key,
			setId: DEMO_SET_ID,
			...(item.system ? { system: item.system } : {}),
			turns: item.turns,
			traits: item.traits,
			domain: item.domain,
			tags: item.tags,
			raterNote: item.raterNote,
			source: { dataset: 'trait-arena-demo', key: item.key },
			contentHash: promptContentHash({ system: item.system, turns: item.turns }),
			createdAt: at
		})
	);
	const baseline = demo.endpoints.find((endpoint) => endpoint.role === 'baseline');
	const study = StudySchema.parse({
		id: DEMO_STUDY_ID,
		name: demo.name,
		endpointIds: endpoints.map((endpoint) => endpoint.id),
		baselineEndpointId: baseline ? endpointIdByKey.get(baseline.key) : undefined,
		pairing: 'each-vs-baseline',
		itemIds: items.map((item) => item.id),
		repeats: 1,
		seed: DEMO_SEED,
		instructions: `${demo.notice} Read the prompt, compare the two answers and pick the one that better shows the traits asked about. After your vote the demo reveals which answer came from which side.`,
		revealPolicy: 'after-vote',
		kind: 'demo',
		createdAt: at
	});
	const responses: Response[] = [];
	for (const item of demo.items) {
		for (const endpoint of demo.endpoints) {
			const endpointId = endpointIdByKey.get(endpoint.key) ?? endpoint.key;
			const answers = item.answers[endpoint.key] ?? [];
			const transcript: Message[] = item.system ? [{ role: 'system', content: item.system }] : [];
			item.turns.forEach((turn, index) => {
				transcript.push({ role: 'user', content: turn });
				transcript.push({ role: 'assistant', content: answers[index] ?? '' });
			});
			responses.push(
				ResponseSchema.parse({
					id: responseId(study.id, item.key, endpointId),
					studyId: study.id,
					itemId: item.key,
					endpointId,
					status: 'done',
					transcript,
					finishReason: 'stop',
					params: { model: endpoint.model, ...(item.system ? { system: item.system } : {}) },
					attempts: 1,
					createdAt: at,
					updatedAt: at
				})
			);
		}
	}
	return { endpoints, items, study, responses };
}

export interface SeedResult {
	installed: boolean;
	studyId: string;
}

/** Installs the demo once per device; later calls (and other tabs) change nothing. */
export async function seedDemo(db: ArenaDB, clock: Clock = systemClock): Promise<SeedResult> {
	const at = nowIso(clock);
	const records = demoRecords(at);
	const trials = planTrials(records.study, records.items).map((trial) => TrialSchema.parse(trial));
	const persistence = persistenceDemo(records);
	const persistenceTrials = planTrials(
		persistence.study,
		records.items.filter((item) => persistence.study.itemIds.includes(item.id))
	).map((trial) => TrialSchema.parse(trial));
	const set = PromptSetSchema.parse({
		id: DEMO_SET_ID,
		name: 'Demo items (illustrative)',
		version: '1',
		origin: 'builtin',
		description: demo.notice,
		createdAt: at
	});
	const installed = await db.transaction(
		'rw',
		[db.settings, db.promptSets, db.promptPages, db.endpoints, db.studies, db.responses, db.trials],
		async () => {
			if (await db.settings.get(DEMO_INSTALLED_KEY)) return false;
			await db.settings.put({ key: DEMO_INSTALLED_KEY, value: { version: 1, at } });
			// Restored from a backup that already holds the demo: keep the user's copy as it is.
			if (await db.studies.get(DEMO_STUDY_ID)) return false;
			await db.promptSets.put(set);
			await putItems(db, records.items);
			await db.endpoints.bulkPut(records.endpoints);
			await db.studies.put(records.study);
			await db.responses.bulkPut(records.responses);
			await db.trials.bulkPut(trials);
			await db.studies.put(persistence.study);
			await db.responses.bulkPut(persistence.responses);
			await db.trials.bulkPut(persistenceTrials);
			return true;
		}
	);
	return { installed, studyId: DEMO_STUDY_ID };
}
