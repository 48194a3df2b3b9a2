// Checks on the decoded text before any parser sees it: a byte-order mark is dropped, and an
// empty or binary file is refused with one clear sentence instead of a parser's odd complaint.
import type { ContainerKind, ImportIssue, RowUnit, Table } from './types';

export function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const SAMPLE = 64 * 1024;

/** A file-level problem that makes the text unreadable, or undefined when it looks like text. */
export function textProblem(file: string, text: string): ImportIssue | undefined {
	if (text.trim() === '') return { file, message: 'The file is empty: it has no rows to import.' };
	const sample = text.slice(0, SAMPLE);
	let control = 0;
	let replacement = 0;
	for (let index = 0; index < sample.length; index++) {
		const code = sample.charCodeAt(index);
		if (code === 0) return binary(file, index);
		if (code === 0xfffd) replacement++;
		else if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) control++;
	}
	if (replacement + control > Math.max(8, sample.length * 0.02)) return binary(file);
	return undefined;
}

function binary(file: string, offset?: number): ImportIssue {
	return {
		file,
		message: `This looks like a binary file, not text${offset === undefined ? '' : ` (a zero byte at character ${offset + 1})`}. Import reads UTF-8 CSV, JSON or JSONL.`
	};
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
	let line = 1;
	let start = 0;
	const end = Math.min(offset, text.length);
	for (let index = 0; index < end; index++) {
		if (text.charCodeAt(index) === 10) {
			line++;
			start = index + 1;
		}
	}
	return { line, column: end - start + 1 };
}

export function emptyTable(file: string, kind: ContainerKind, unit: RowUnit): Table {
	return {
		file,
		kind,
		unit,
		columns: [],
		records: [],
		issues: [],
		fatal: false,
		meta: {},
		blankRows: 0
	};
}

/** A table that failed as a whole: one issue, nothing importable. */
export function failedTable(
	file: string,
	kind: ContainerKind,
	unit: RowUnit,
	issue: ImportIssue
): Table {
	return { ...emptyTable(file, kind, unit), issues: [issue], fatal: true };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Keys in first-seen order over the first records (optional fields show up later). The keys of a
 * nested object follow as `parent.key`, so labels kept under `metadata` can be mapped too.
 */
export function columnsOf(values: readonly Record<string, unknown>[], limit = 200): string[] {
	const seen = new Set<string>();
	for (const value of values.slice(0, limit))
		for (const [key, entry] of Object.entries(value)) {
			seen.add(key);
			if (isPlainObject(entry))
				for (const inner of Object.keys(entry).slice(0, 50)) seen.add(`${key}.${inner}`);
		}
	return [...seen];
}

/** JSON.parse's message without V8's "at position N" tail, plus where that position is. */
export function jsonSyntax(
	error: unknown,
	text: string
): { message: string; line: number; column: number } {
	const raw = error instanceof Error ? error.message : String(error);
	const position = /at position (\d+)/.exec(raw);
	const offset = position ? Number(position[1]) : text.length;
	const message = raw
		.replace(/\s*\(line \d+ column \d+\)/, '')
		.replace(/\s*in JSON at position \d+/, '')
		.replace(/\s*at position \d+/, '');
	return { message, ...lineAndColumn(text, offset) };
}
