// A full backup moves a researcher's whole workspace to another machine: every table but keys,
// drafts and settings, as JSON Lines — an envelope line with the row counts, then one
// `{"table","row"}` line per row — so it is written and read in chunks and every error names a
// line. Endpoint headers are left out (they may hold credentials, like keys) and credentials in
// a base URL (user:password@, ?api-key=…) are removed.
import type { Endpoint } from '../schema';
import { zodIssues, type DataIssue, type DataLocation } from '../errors';
import { FORMATS, makeEnvelope, readEnvelope, type Envelope } from './envelope';
import { canonicalJson } from './merge';
import {
	emptyPlan,
	TRANSFER_SCHEMAS,
	TRANSFER_TABLES,
	type ImportPlan,
	type TableRows,
	type TransferTable
} from './import-plan';

export interface BackupHeader extends Envelope {
	tables: Record<TransferTable, number>;
}

const SECRET_PARAM = /(key|token|secret|password|passwd|auth|sig|signature|credential)/i;

/** Drops user:password@ and query parameters whose name suggests a credential. */
export function sanitizeBaseUrl(url: string): string {
	const match = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^/?#@]*@)?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(url);
	if (!match) return url;
	const [, scheme = '', rest = '', query] = match;
	const kept = (query ?? '')
		.slice(1)
		.split('&')
		.filter((pair) => pair !== '' && !SECRET_PARAM.test(decodeSafe(pair.split('=')[0] ?? '')));
	return `${scheme}${rest}${kept.length ? `?${kept.join('&')}` : ''}`;
}

function decodeSafe(text: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text;
	}
}

function shapeKeys(table: TransferTable): string[] {
	return Object.keys(TRANSFER_SCHEMAS[table].shape);
}

const KEYS = Object.fromEntries(
	TRANSFER_TABLES.map((table) => [table, shapeKeys(table)])
) as Record<TransferTable, string[]>;

/**
 * The exported form of a stored row: only the schema's own fields (a stray property on a stored
 * row never leaves the browser), endpoints without headers and with a sanitized base URL.
 */
export function backupRow<K extends TransferTable>(table: K, row: TableRows[K]): TableRows[K] {
	const picked: Record<string, unknown> = {};
	for (const key of KEYS[table]) {
		const value = (row as Record<string, unknown>)[key];
		if (value !== undefined) picked[key] = value;
	}
	if (table === 'endpoints') {
		const endpoint = picked as Endpoint;
		picked['headers'] = {};
		picked['baseURL'] = sanitizeBaseUrl(endpoint.baseURL);
	}
	return picked as TableRows[K];
}

export function backupHeaderLine(
	app: string,
	exportedAt: string,
	tables: Record<TransferTable, number>
): string {
	const header: BackupHeader = { ...makeEnvelope(FORMATS.backup, app, exportedAt), tables };
	return `${JSON.stringify(header)}\n`;
}

/** One line per row; keys sorted so the same data always gives the same bytes. */
export function backupLine<K extends TransferTable>(table: K, row: TableRows[K]): string {
	return `${canonicalJson({ table, row: backupRow(table, row) })}\n`;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readBackupHeader(value: unknown, location: DataLocation): BackupHeader {
	const { record } = readEnvelope(value, { accept: [FORMATS.backup], location });
	return record as unknown as BackupHeader;
}

/** Collects backup rows into an import plan; call `add` per parsed line after the header. */
export class BackupPlanBuilder {
	readonly plan: ImportPlan = emptyPlan({
		endpoints: (row) => backupRow('endpoints', row),
		promptSets: (row) => backupRow('promptSets', row),
		promptItems: (row) => backupRow('promptItems', row),
		studies: (row) => backupRow('studies', row),
		responses: (row) => backupRow('responses', row),
		trials: (row) => backupRow('trials', row),
		judgments: (row) => backupRow('judgments', row)
	});
	readonly issues: DataIssue[] = [];
	readonly counts: Record<TransferTable, number> = Object.fromEntries(
		TRANSFER_TABLES.map((table) => [table, 0])
	) as Record<TransferTable, number>;

	add(line: unknown, location: DataLocation): void {
		if (!isObject(line) || typeof line['table'] !== 'string') {
			this.issues.push({ ...location, field: 'table', message: 'is missing: not a backup row' });
			return;
		}
		const table = line['table'];
		if (!(TRANSFER_TABLES as readonly string[]).includes(table)) {
			this.issues.push({ ...location, field: 'table', message: `names no table ("${table}")` });
			return;
		}
		this.addRow(table as TransferTable, line['row'], location);
	}

	private addRow<K extends TransferTable>(table: K, raw: unknown, location: DataLocation): void {
		const parsed = TRANSFER_SCHEMAS[table].safeParse(raw);
		if (!parsed.success) {
			this.issues.push(...zodIssues(parsed.error, raw, { ...location, field: 'row' }));
			return;
		}
		const row = backupRow(table, parsed.data as TableRows[K]);
		const id = (row as { id: string }).id;
		this.counts[table]++;
		this.plan[table].incoming.push({ id, compare: row, row, location });
	}
}
