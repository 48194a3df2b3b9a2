// What an import wants to write, per table, before the database is asked: the rows, what each is
// compared with, and how a stored row is projected for that comparison. The db layer reads the
// stored rows, runs mergeRows and writes the new ones in one transaction.
import type { z } from 'zod';
import {
	EndpointSchema,
	JudgmentSchema,
	PromptItemSchema,
	PromptSetSchema,
	ResponseSchema,
	StudySchema,
	TrialSchema,
	type Endpoint,
	type Judgment,
	type PromptItem,
	type PromptSet,
	type Response,
	type Study,
	type Trial
} from '../schema';
import type { Incoming } from './merge';

/** The tables a backup carries, in dependency order (keys, drafts and settings never leave). */
export const TRANSFER_TABLES = [
	'endpoints',
	'promptSets',
	'promptItems',
	'studies',
	'responses',
	'trials',
	'judgments'
] as const;
export type TransferTable = (typeof TRANSFER_TABLES)[number];

/** The schema every row of a transfer table is checked against, whichever file it came in. */
export const TRANSFER_SCHEMAS = {
	endpoints: EndpointSchema,
	promptSets: PromptSetSchema,
	promptItems: PromptItemSchema,
	studies: StudySchema,
	responses: ResponseSchema,
	trials: TrialSchema,
	judgments: JudgmentSchema
} satisfies Record<TransferTable, z.ZodType>;

export interface TableRows {
	endpoints: Endpoint;
	promptSets: PromptSet;
	promptItems: PromptItem;
	studies: Study;
	responses: Response;
	trials: Trial;
	judgments: Judgment;
}

export interface TablePlan<K extends TransferTable = TransferTable> {
	table: K;
	incoming: Incoming<TableRows[K]>[];
	project: (stored: TableRows[K]) => unknown;
}

export type ImportPlan = { [K in TransferTable]: TablePlan<K> };

export function emptyPlan(projections: {
	[K in TransferTable]: (stored: TableRows[K]) => unknown;
}): ImportPlan {
	const plan = {} as Record<TransferTable, TablePlan>;
	for (const table of TRANSFER_TABLES) {
		plan[table] = { table, incoming: [], project: projections[table] as TablePlan['project'] };
	}
	return plan as unknown as ImportPlan;
}

export function identity<T>(row: T): T {
	return row;
}
