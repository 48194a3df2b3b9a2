// Every file Trait Arena writes says what it is and which schema wrote it (excalidraw's
// `type`/`version`, dexie-export-import's `formatName`/`formatVersion`), so an import can refuse
// what it cannot read instead of guessing, and can upgrade what an older app wrote.
import { SCHEMA_VERSION } from '../schema/version';
import { DataError, shorten, type DataLocation } from '../errors';

export const FORMATS = {
	judgments: 'trait-arena/judgments',
	backup: 'trait-arena/backup',
	battles: 'trait-arena/fastchat-battles'
} as const;
export type Format = (typeof FORMATS)[keyof typeof FORMATS];

export interface Envelope {
	format: Format;
	schema: number;
	app: string;
	exportedAt: string;
}

export function makeEnvelope(format: Format, app: string, exportedAt: string): Envelope {
	return { format, schema: SCHEMA_VERSION, app, exportedAt };
}

/** One step per schema number: `steps[n]` turns a schema-n record into a schema-(n+1) record. */
export type UpgradeSteps = Readonly<Record<number, (record: Record<string, unknown>) => unknown>>;

/**
 * Upgrades for each format. Empty while every file ever written is schema 1; a schema bump adds
 * its step here together with a test that reads a file the older app wrote.
 */
export const UPGRADES: Readonly<Record<Format, UpgradeSteps>> = {
	'trait-arena/judgments': {},
	'trait-arena/backup': {},
	'trait-arena/fastchat-battles': {}
};

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ReadEnvelopeOptions {
	/** Formats the caller accepts. */
	accept: readonly Format[];
	location?: DataLocation;
	current?: number;
	upgrades?: Readonly<Record<string, UpgradeSteps>>;
}

/**
 * Checks the format and schema fields of a parsed file header or record and returns the record
 * upgraded to the current schema. Refuses unknown formats and schemas newer than this app.
 */
export function readEnvelope(
	value: unknown,
	options: ReadEnvelopeOptions
): { format: Format; record: Record<string, unknown> } {
	const { accept, location = {}, current = SCHEMA_VERSION, upgrades = UPGRADES } = options;
	const fail = (field: string, message: string, got?: unknown): never => {
		throw new DataError([
			{
				...location,
				field,
				message,
				value: got === undefined ? undefined : shorten(got)
			}
		]);
	};
	if (!isRecord(value)) return fail('', 'is not a JSON object', value);
	const format = value['format'];
	if (typeof format !== 'string' || !(accept as readonly string[]).includes(format)) {
		return fail(
			'format',
			`is not a Trait Arena file this import reads (expected ${accept.join(' or ')})`,
			format
		);
	}
	const schema = value['schema'];
	if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1) {
		return fail('schema', 'must be a whole schema number of 1 or more', schema);
	}
	if (schema > current) {
		return fail(
			'schema',
			`was written by a newer Trait Arena (schema ${schema}; this app reads up to ${current}). Update the app, then import again.`
		);
	}
	let record: Record<string, unknown> = value;
	const steps: UpgradeSteps = (upgrades as Readonly<Record<string, UpgradeSteps>>)[format] ?? {};
	for (let from = schema; from < current; from++) {
		const step = steps[from];
		if (!step) return fail('schema', `cannot be upgraded from schema ${from}`, schema);
		const next = step(record);
		if (!isRecord(next)) return fail('schema', `upgrade from schema ${from} failed`);
		record = { ...next, schema: from + 1 };
	}
	return { format: format as Format, record };
}
