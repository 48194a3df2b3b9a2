// Trait Arena's own prompt-set file: JSON Lines whose first line is an envelope carrying the set,
// then one prompt item per line. Records are built field by field in a fixed key order (never a
// spread database row), so export → import → export gives the same bytes and new stored fields
// are opt-in. Import keeps ids, set id and timestamps: the set comes back unchanged.
import { PromptSetSchema, type PromptItem, type PromptSet } from '../../schema';
import { SCHEMA_VERSION } from '../../schema/common';
import { promptContentHash } from '../../content-hash';
import { shorten, zodIssues } from '../../errors';
import { recordItem } from '../judgment-record';
import { isPlainObject } from './text';
import type { ImportIssue, SourceRecord, Table } from './types';

export const PROMPT_SET_FORMAT = 'trait-arena/prompt-set';

export interface PromptSetExportOptions {
	app: string;
	exportedAt: string;
}

function compact<T extends Record<string, unknown>>(record: T): T {
	for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
	return record;
}

export function setRecord(set: PromptSet): PromptSet {
	return compact({
		id: set.id,
		name: set.name,
		version: set.version,
		origin: set.origin,
		description: set.description,
		license: set.license,
		createdAt: set.createdAt
	});
}

/** An item as our files carry it: the same clean copy a judgment record holds. */
export const itemRecord = recordItem;

export function envelopeLine(set: PromptSet, options: PromptSetExportOptions): string {
	return JSON.stringify({
		format: PROMPT_SET_FORMAT,
		schema: SCHEMA_VERSION,
		app: options.app,
		exportedAt: options.exportedAt,
		set: setRecord(set)
	});
}

/** Lines of the file (without newlines), envelope first; items sorted by id for stable output. */
export function* promptSetLines(
	set: PromptSet,
	items: readonly PromptItem[],
	options: PromptSetExportOptions
): Generator<string> {
	yield envelopeLine(set, options);
	const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	for (const item of sorted) yield JSON.stringify(itemRecord(item));
}

export function exportPromptSet(
	set: PromptSet,
	items: readonly PromptItem[],
	options: PromptSetExportOptions
): string {
	return [...promptSetLines(set, items, options)].join('\n') + '\n';
}

export function isOurFormat(table: Table): boolean {
	const first = table.records[0];
	return (
		table.kind === 'jsonl' &&
		first !== undefined &&
		typeof first.value['format'] === 'string' &&
		first.value['format'].startsWith('trait-arena/')
	);
}

export interface OurHeader {
	set?: PromptSet;
	issues: ImportIssue[];
}

/** Checks the envelope on the first line and returns the set it carries. */
export function readOurHeader(table: Table): OurHeader {
	const first = table.records[0];
	const at = { file: table.file, row: first?.row ?? 1, unit: 'line' as const };
	const fail = (field: string, message: string, value?: unknown): OurHeader => ({
		issues: [{ ...at, field, message, value: value === undefined ? undefined : shorten(value) }]
	});
	const envelope = first?.value ?? {};
	if (envelope['format'] !== PROMPT_SET_FORMAT)
		return fail(
			'format',
			`is a Trait Arena file of another kind; import it in the Data area (expected "${PROMPT_SET_FORMAT}")`,
			envelope['format']
		);
	const schema = envelope['schema'];
	if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1)
		return fail('schema', 'must be a whole schema number of 1 or more', schema);
	if (schema > SCHEMA_VERSION)
		return fail(
			'schema',
			`was written by a newer Trait Arena (schema ${schema}; this app reads up to ${SCHEMA_VERSION}). Update the app, then import again.`
		);
	if (!isPlainObject(envelope['set'])) return fail('set', 'must be an object', envelope['set']);
	const parsed = PromptSetSchema.safeParse(envelope['set']);
	if (!parsed.success)
		return { issues: zodIssues(parsed.error, envelope['set'], { ...at, field: 'set' }) };
	return { set: parsed.data, issues: [] };
}

/**
 * One item line as a candidate for validation. It must belong to the envelope's set. Its content
 * hash is recomputed (it is derived data; a hand-edited file must not smuggle in a stale one).
 */
export function ourItemCandidate(
	record: SourceRecord,
	set: PromptSet,
	table: Table
): { candidate: Record<string, unknown>; issue?: undefined } | { issue: ImportIssue } {
	const candidate = { ...record.value };
	if (candidate['setId'] !== set.id)
		return {
			issue: {
				file: table.file,
				row: record.row,
				unit: table.unit,
				field: 'setId',
				message: `must be the id of the set on line 1 ("${set.id}")`,
				value: shorten(candidate['setId'] ?? null)
			}
		};
	const turns = candidate['turns'];
	const system = candidate['system'];
	if (Array.isArray(turns) && turns.every((turn) => typeof turn === 'string'))
		candidate['contentHash'] = promptContentHash({
			system: typeof system === 'string' ? system : undefined,
			turns
		});
	return { candidate };
}
