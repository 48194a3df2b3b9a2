// The built-in trait-probing suite ships as JSON inside the app and is loaded only when the
// Prompts area (or a study) needs it. Its set and item ids are fixed (`builtin-core-v1`,
// `builtin:<key>`) and so is its timestamp, so every machine holds the same records and studies
// built from it merge cleanly. Installing is idempotent and happens once: a user who deletes the
// set does not get it back on the next visit.
import { promptContentHash } from '$lib/core/content-hash';
import { DataError, zodIssues, type DataIssue } from '$lib/core/errors';
import {
	PromptItemSchema,
	PromptSetSchema,
	type PromptItem,
	type PromptSet
} from '$lib/core/schema';
import type { ArenaDB } from '$lib/db/arena-db';
import { addPromptSet } from '$lib/db/repos/prompts';
import { existingItemIds } from '$lib/db/repos/item-pages';
import { getSetting, setSetting } from '$lib/db/repos/settings';

export const BUILTIN_SET_ID = 'builtin-core-v1';
export const BUILTIN_DATASET = 'builtin';
/** Release time of suite v1: fixed so the records are identical on every machine. */
export const BUILTIN_CREATED_AT = '2026-11-23T00:00:00.000Z';
const INSTALLED_KEY = 'prompts.builtinSuiteInstalled';

export interface RawSuiteItem {
	key: string;
	system?: string;
	turns: string[];
	traits: string[];
	domain: string;
	tags: string[];
	raterNote: string;
}

export interface RawSuite {
	name: string;
	version: string;
	description?: string;
	license?: string;
	items: readonly RawSuiteItem[];
}

export interface BuiltinSuite {
	set: PromptSet;
	items: PromptItem[];
}

export function builtinItemId(key: string): string {
	return `builtin:${key}`;
}

/** Maps the suite JSON to a set and validated items; throws a DataError naming bad items. */
export function suiteFromJson(raw: RawSuite): BuiltinSuite {
	const set = PromptSetSchema.parse({
		id: BUILTIN_SET_ID,
		name: raw.name,
		version: raw.version,
		origin: 'builtin',
		description: raw.description,
		license: raw.license,
		createdAt: BUILTIN_CREATED_AT
	});
	const issues: DataIssue[] = [];
	const items: PromptItem[] = [];
	raw.items.forEach((entry, index) => {
		const candidate = {
			id: builtinItemId(entry.key),
			setId: BUILTIN_SET_ID,
			...(entry.system ? { system: entry.system } : {}),
			turns: entry.turns,
			traits: entry.traits,
			domain: entry.domain,
			tags: entry.tags,
			raterNote: entry.raterNote,
			source: { dataset: BUILTIN_DATASET, row: index + 1, key: entry.key },
			contentHash: promptContentHash({ system: entry.system, turns: entry.turns }),
			createdAt: BUILTIN_CREATED_AT
		};
		const parsed = PromptItemSchema.safeParse(candidate);
		if (parsed.success) items.push(parsed.data);
		else
			issues.push(
				...zodIssues(parsed.error, candidate, { file: 'builtin-suite.json', row: index + 1 })
			);
	});
	if (issues.length) throw new DataError(issues);
	return { set, items };
}

let loading: Promise<BuiltinSuite> | undefined;

/** Loads the suite lazily (its JSON is a separate chunk of the build). */
export function loadBuiltinSuite(): Promise<BuiltinSuite> {
	loading ??= import('./data/builtin-suite.json').then((module) =>
		suiteFromJson(module.default as RawSuite)
	);
	return loading;
}

const installing = new WeakMap<ArenaDB, Promise<number>>();

/**
 * Installs the suite on the first visit, whichever area opens first (the shell starts it, the
 * Prompts area asks again). Returns how many items were added (0 when it was installed before, even
 * if the user has since deleted it). Calls made while one runs share it, so the count is not lost.
 */
export function ensureBuiltinSuite(
	db: ArenaDB,
	load: () => Promise<BuiltinSuite> = loadBuiltinSuite
): Promise<number> {
	let running = installing.get(db);
	if (!running) {
		running = install(db, load).finally(() => installing.delete(db));
		installing.set(db, running);
	}
	return running;
}

async function install(db: ArenaDB, load: () => Promise<BuiltinSuite>): Promise<number> {
	const installed = await getSetting<string | undefined>(db, INSTALLED_KEY, undefined);
	if (installed === BUILTIN_SET_ID) return 0;
	const suite = await load();
	// Items a user edited keep their edits: only ids the library lacks are added.
	const present = await existingItemIds(
		db,
		suite.items.map((item) => item.id)
	);
	const fresh = suite.items.filter((item) => !present.has(item.id));
	const result = await addPromptSet(db, suite.set, fresh);
	await setSetting(db, INSTALLED_KEY, BUILTIN_SET_ID);
	return result.added;
}
