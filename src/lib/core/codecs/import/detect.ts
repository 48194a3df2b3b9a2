// Which reader and which mapping a file needs, from its name and its content. The container
// (CSV, JSONL, JSON) comes from the extension, or from the first characters when the extension
// says nothing; the dataset format from the fields the records carry, falling back to the file
// name (so a TruthfulQA.csv without its Question column is reported as such, not guessed at).
import { anthropicEvals } from './anthropic-evals';
import { bbq } from './bbq';
import { caaSycophancy } from './caa-sycophancy';
import { hfChat, openaiChat, sharegpt } from './chat';
import { readCsv } from './csv';
import { fileBase } from './fields';
import { suggestMapping } from './generic';
import { readJson } from './json';
import { readJsonl } from './jsonl';
import { mtBench } from './mt-bench';
import { isOurFormat } from './our-format';
import { selfaware } from './selfaware';
import { failedTable, isPlainObject, stripBom, textProblem } from './text';
import { truthfulqa } from './truthfulqa';
import type { ColumnMapping, ContainerKind, DatasetFormat, Table } from './types';
import { winogenerated } from './winogenerated';
import { xstest } from './xstest';

/** Known public datasets, most specific first (BBQ before the generic question shapes). */
export const DATASET_FORMATS: readonly DatasetFormat[] = [
	openaiChat,
	sharegpt,
	hfChat,
	mtBench,
	bbq,
	winogenerated,
	anthropicEvals,
	selfaware,
	truthfulqa,
	xstest,
	caaSycophancy
];

function firstLine(text: string): string {
	const trimmed = text.replace(/^\s+/, '');
	const end = trimmed.indexOf('\n');
	return (end < 0 ? trimmed : trimmed.slice(0, end)).trim();
}

function parsesAsObject(line: string): boolean {
	try {
		return isPlainObject(JSON.parse(line));
	} catch {
		return false;
	}
}

/** Whether the text is JSON Lines: its first line is a whole object and more text follows. */
function looksLikeJsonl(text: string): boolean {
	const trimmed = text.trim();
	const line = firstLine(trimmed);
	return line.length < trimmed.length && parsesAsObject(line);
}

export function containerOf(file: string, text: string): ContainerKind {
	const extension = /\.([a-z0-9]+)$/i.exec(fileBase(file))?.[1]?.toLowerCase();
	if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
	if (extension === 'csv' || extension === 'tsv') return 'csv';
	const start = text.replace(/^[\s\ufeff]+/, '')[0];
	if (extension === 'json') return start === '{' && looksLikeJsonl(text) ? 'jsonl' : 'json';
	if (start === '[') return 'json';
	if (start === '{') return looksLikeJsonl(text) ? 'jsonl' : 'json';
	return 'csv';
}

/** Reads any supported file into located records; never throws. */
export function readTable(file: string, input: string): Table {
	const text = stripBom(input);
	const kind = containerOf(file, text);
	const unit = kind === 'csv' ? 'row' : kind === 'jsonl' ? 'line' : 'record';
	const problem = textProblem(file, text);
	if (problem) return failedTable(file, kind, unit, problem);
	const table =
		kind === 'csv'
			? readCsv(file, text)
			: kind === 'jsonl'
				? readJsonl(file, text)
				: readJson(file, text);
	if (!table.fatal && table.records.length === 0) {
		table.fatal = true;
		if (table.issues.length === 0)
			table.issues.push({
				file,
				message:
					kind === 'csv'
						? 'The file has a header but no data rows.'
						: 'The file has no records to import.'
			});
	}
	return table;
}

export type Detection =
	| { kind: 'trait-arena' }
	| { kind: 'dataset'; format: DatasetFormat; missing: string[] }
	| { kind: 'generic'; mapping?: ColumnMapping };

export function detectFormat(table: Table): Detection {
	if (isOurFormat(table)) return { kind: 'trait-arena' };
	const candidates = DATASET_FORMATS.filter((format) => format.kinds.includes(table.kind));
	const byContent = candidates.find((format) => format.match(table.file, table) === 'content');
	if (byContent) return { kind: 'dataset', format: byContent, missing: [] };
	const byName = candidates.find((format) => format.match(table.file, table) === 'name');
	if (byName) {
		const missing = byName.required.filter((column) => !table.columns.includes(column));
		return { kind: 'dataset', format: byName, missing };
	}
	return { kind: 'generic', mapping: suggestMapping(table.columns) };
}

export function formatById(id: string): DatasetFormat | undefined {
	return DATASET_FORMATS.find((format) => format.id === id);
}
