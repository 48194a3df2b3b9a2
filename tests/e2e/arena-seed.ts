// Puts a ready-to-judge study into the app's IndexedDB, as a study bundle would: endpoints, items,
// finished responses and the trial plan made by the app's own planner. Used where the test needs
// content no mock model produces (distinctive endpoint names, marker words per endpoint). Records
// are built and validated in Node with the app's zod schemas, then written with the plain
// IndexedDB API into the database the app has already opened (so the Dexie schema exists).
import type { Page } from '@playwright/test';
import { promptContentHash } from '../../src/lib/core/content-hash';
import { planTrials } from '../../src/lib/core/plan/plan-trials';
import { responseId } from '../../src/lib/core/plan/response-id';
import {
	EndpointSchema,
	PromptItemSchema,
	ResponseSchema,
	StudySchema,
	TrialSchema,
	type Message,
	type QualityControl,
	type Study
} from '../../src/lib/core/schema';
import { expect } from './fixtures';
import { paginate } from '../../src/lib/db/repos/item-pages';

const AT = '2026-11-23T10:00:00.000Z';

export interface SeedEndpoint {
	id: string;
	label: string;
	model: string;
	baseURL: string;
	role: string;
}

export interface SeedItem {
	turns: string[];
	system?: string;
	traits?: string[];
	raterNote?: string;
}

export interface SeedOptions {
	studyId: string;
	name: string;
	endpoints: [SeedEndpoint, SeedEndpoint];
	items: SeedItem[];
	/** The answers of an endpoint to an item, one per user turn. */
	answer: (endpoint: SeedEndpoint, itemIndex: number, turn: number) => string;
	reasoning?: (endpoint: SeedEndpoint, itemIndex: number) => string | undefined;
	quality?: Partial<QualityControl>;
	revealPolicy?: 'never' | 'after-vote';
	seed?: number;
}

export function studyRecords(options: SeedOptions) {
	const setId = `${options.studyId}-set`;
	const endpoints = options.endpoints.map((e) =>
		EndpointSchema.parse({ ...e, createdAt: AT, updatedAt: AT })
	);
	const items = options.items.map((item, index) =>
		PromptItemSchema.parse({
			id: `${options.studyId}-item-${index + 1}`,
			setId,
			...(item.system ? { system: item.system } : {}),
			turns: item.turns,
			traits: item.traits ?? ['truthfulness', 'fairness'],
			domain: 'science',
			tags: [],
			...(item.raterNote ? { raterNote: item.raterNote } : {}),
			source: { dataset: 'e2e' },
			contentHash: promptContentHash(item),
			createdAt: AT
		})
	);
	const study: Study = StudySchema.parse({
		id: options.studyId,
		name: options.name,
		endpointIds: endpoints.map((e) => e.id),
		baselineEndpointId: endpoints[0]?.id,
		pairing: 'each-vs-baseline',
		itemIds: items.map((item) => item.id),
		seed: options.seed ?? 1234,
		revealPolicy: options.revealPolicy ?? 'never',
		quality: { attentionShare: 0, swapShare: 0, leakTerms: [], ...options.quality },
		createdAt: AT
	});
	const responses = items.flatMap((item, index) =>
		options.endpoints.map((endpoint) => {
			const reasoning = options.reasoning?.(endpoint, index);
			const transcript: Message[] = item.system ? [{ role: 'system', content: item.system }] : [];
			item.turns.forEach((turn, t) => {
				transcript.push({ role: 'user', content: turn });
				transcript.push({
					role: 'assistant',
					content: options.answer(endpoint, index, t),
					...(reasoning && t === 0 ? { reasoning } : {})
				});
			});
			return ResponseSchema.parse({
				id: responseId(study.id, item.id, endpoint.id),
				studyId: study.id,
				itemId: item.id,
				endpointId: endpoint.id,
				status: 'done',
				transcript,
				params: { model: endpoint.model },
				ttftMs: 100,
				totalMs: 900,
				attempts: 1,
				createdAt: AT,
				updatedAt: AT
			});
		})
	);
	const trials = planTrials(study, items).map((trial) => TrialSchema.parse(trial));
	return {
		endpoints,
		promptSets: [
			{ id: setId, name: `${options.name} items`, version: '1', origin: 'custom', createdAt: AT }
		],
		promptPages: paginate(items),
		studies: [study],
		responses,
		trials
	};
}

/** Opens the arena once (so the database exists), writes the study, and reloads. */
export async function seedStudy(page: Page, options: SeedOptions): Promise<void> {
	await page.goto('./#/arena');
	await expect(page.getByLabel('Your rater ID')).toBeVisible();
	await page.evaluate(async (records: Record<string, unknown[]>) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('trait-arena');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction(Object.keys(records), 'readwrite');
			for (const [store, rows] of Object.entries(records)) {
				for (const row of rows) tx.objectStore(store).put(row);
			}
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, studyRecords(options));
}

/** Every record of one object store, read the way the app stored it. */
export async function readStore<T>(page: Page, store: string): Promise<T[]> {
	return page.evaluate(async (name) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('trait-arena');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const rows = await new Promise<unknown[]>((resolve, reject) => {
			const request = db.transaction(name).objectStore(name).getAll();
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		db.close();
		return rows;
	}, store) as Promise<T[]>;
}

/** Starts judging a study through the start form, keyboard only. */
export async function startJudging(page: Page, studyId: string, raterId: string): Promise<void> {
	await page.goto(`./#/arena/${studyId}`);
	await page.reload();
	const input = page.getByLabel('Your rater ID');
	await expect(input).toBeFocused();
	await page.keyboard.type(raterId);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: /^Trial 1 of \d+$/ })).toBeVisible();
}
