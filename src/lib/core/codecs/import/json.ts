// A whole-file JSON document: a top-level array of records, or an object that keeps its records
// under one key (SelfAware's `example`). A syntax error names its line and column; records are
// numbered from 1 in the order they appear.
import { describeType } from './fields';
import { columnsOf, emptyTable, failedTable, isPlainObject, jsonSyntax, stripBom } from './text';
import type { SourceRecord, Table } from './types';
import { shorten } from '../../errors';

const RECORD_KEYS = ['example', 'examples', 'data', 'items', 'records', 'rows', 'questions'];

/** The key of the records array inside a wrapper object: a known name, else the first array. */
export function findRecordsPath(value: Record<string, unknown>): string | undefined {
	for (const key of RECORD_KEYS) if (Array.isArray(value[key])) return key;
	return Object.keys(value).find(
		(key) => Array.isArray(value[key]) && (value[key] as unknown[]).some(isPlainObject)
	);
}

export function readJson(file: string, input: string, recordsPath?: string): Table {
	const text = stripBom(input);
	let document: unknown;
	try {
		document = JSON.parse(text);
	} catch (error) {
		const syntax = jsonSyntax(error, text);
		return failedTable(file, 'json', 'line', {
			file,
			row: syntax.line,
			unit: 'line',
			message: `is not valid JSON: ${syntax.message} (column ${syntax.column})`
		});
	}
	const table = emptyTable(file, 'json', 'record');
	let list: unknown;
	if (Array.isArray(document)) list = document;
	else if (isPlainObject(document)) {
		const path = recordsPath ?? findRecordsPath(document);
		if (path === undefined || !Array.isArray(document[path])) {
			return failedTable(file, 'json', 'record', {
				file,
				field: path,
				message: path
					? `has no list of records under "${path}"`
					: 'holds one JSON object with no list of records in it (expected an array of objects, or an object with one)',
				value: shorten(Object.keys(document))
			});
		}
		table.recordsPath = path;
		list = document[path];
		for (const [key, value] of Object.entries(document)) if (key !== path) table.meta[key] = value;
	} else {
		return failedTable(file, 'json', 'record', {
			file,
			message: `must hold an array of records or an object with one, not ${describeType(document)}`,
			value: shorten(document)
		});
	}
	const records: SourceRecord[] = [];
	(list as unknown[]).forEach((value, index) => {
		if (isPlainObject(value)) records.push({ row: index + 1, value });
		else
			table.issues.push({
				file,
				row: index + 1,
				unit: 'record',
				field: table.recordsPath,
				message: `must be a JSON object, not ${describeType(value)}`,
				value: shorten(value)
			});
	});
	table.records = records;
	table.columns = columnsOf(records.map((record) => record.value));
	return table;
}
