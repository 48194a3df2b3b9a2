// The whole version chain lives here so a reader sees every schema the app ever had. Each
// upgrade body lives in migrations/ and is exported for its own test. Never edit a shipped
// version's stores: add a new version instead.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type {
	Draft,
	Endpoint,
	Judgment,
	KeyRecord,
	PromptSet,
	Response,
	Study,
	Trial
} from '$lib/core/schema';
import { upgradeV2PromptContentHash } from './migrations/v2-prompt-content-hash';
import { upgradeV4PromptItemPages } from './migrations/v4-prompt-item-pages';
import { upgradeV7OneVerdictPerTrial } from './migrations/v7-one-verdict-per-trial';
import { ITEM_PAGE_INDEXES, type ItemPage } from './repos/item-pages';

export interface SettingRecord {
	key: string;
	value: unknown;
}

/** Stores of version 1 (kept verbatim: migration tests open old data with it). */
export const V1_STORES = {
	endpoints: 'id, role, updatedAt',
	keys: 'endpointId',
	promptSets: 'id, origin, createdAt',
	promptItems: 'id, setId, domain, *traits, *tags, createdAt',
	studies: 'id, kind, createdAt',
	responses: 'id, studyId, [studyId+itemId+endpointId], status',
	trials: 'id, studyId, [studyId+position]',
	judgments: 'id, studyId, raterId, trialId, [studyId+raterId], createdAt',
	drafts: 'key',
	settings: 'key'
} as const;

/** Version 2: prompt items carry a content hash, indexed, so imports can skip duplicates. */
export const V2_STORES = {
	promptItems: 'id, setId, domain, *traits, *tags, createdAt, contentHash, [setId+contentHash]'
} as const;

/**
 * Version 3: prompt items lose two indexes nothing reads — `createdAt`, and `setId`, whose
 * queries Dexie answers from the leading part of `[setId+contentHash]`. Every index entry is an
 * extra write per item, and a 100,000-row import pays for each one.
 */
export const V3_STORES = {
	promptItems: 'id, domain, *traits, *tags, contentHash, [setId+contentHash]'
} as const;

/**
 * Version 4: prompt items move into pages of up to 500 (one record per item cost 7–12 s of
 * IndexedDB requests for a 100,000-row import); version 5 drops the old per-item table.
 */
export const V4_STORES = { promptPages: ITEM_PAGE_INDEXES } as const;
export const V5_STORES = { promptItems: null } as const;

/**
 * Version 6 kept every judgment a second time, in segments of 500 in export order, for faster
 * reads of 100,000 judgments; version 7 drops that copy (reads walk the createdAt index instead),
 * and indexes judgments by (trial, rater) so a commit can refuse a second verdict for a trial.
 */
export const V6_STORES = { judgmentSegments: 'key' } as const;
export const V7_STORES = {
	judgmentSegments: null,
	judgments: 'id, studyId, raterId, trialId, [studyId+raterId], [trialId+raterId], createdAt'
} as const;

export const DB_VERSION = 7;
export const DEFAULT_DB_NAME = 'trait-arena';

export class ArenaDB extends Dexie {
	declare endpoints: EntityTable<Endpoint, 'id'>;
	declare keys: EntityTable<KeyRecord, 'endpointId'>;
	declare promptSets: EntityTable<PromptSet, 'id'>;
	declare promptPages: EntityTable<ItemPage, 'id'>;
	declare studies: EntityTable<Study, 'id'>;
	declare responses: EntityTable<Response, 'id'>;
	declare trials: EntityTable<Trial, 'id'>;
	declare judgments: EntityTable<Judgment, 'id'>;
	declare drafts: EntityTable<Draft, 'key'>;
	declare settings: Table<SettingRecord, string>;

	constructor(name: string = DEFAULT_DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
		super(name, options);
		this.version(1).stores(V1_STORES);
		this.version(2).stores(V2_STORES).upgrade(upgradeV2PromptContentHash);
		this.version(3).stores(V3_STORES);
		this.version(4).stores(V4_STORES).upgrade(upgradeV4PromptItemPages);
		this.version(5).stores(V5_STORES);
		this.version(6).stores(V6_STORES);
		this.version(7).stores(V7_STORES).upgrade(upgradeV7OneVerdictPerTrial);
	}
}
