// What an import wants to write, per table, before the database is asked: the rows, what each is
// compared with, and how a stored row is projected for that comparison. The db layer reads the
// stored rows, runs mergeRows and writes the new ones in one transaction.
import type { Endpoint, Judgment, PromptItem, PromptSet, Response, Study, Trial } from '../schema';
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
