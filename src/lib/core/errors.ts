// Errors that say where: file, row (or line) and field, with the offending value shortened. They
// never carry a secret: callers pass values through `shorten`, which also masks key-like strings.
import type { z } from 'zod';

export interface DataLocation {
	file?: string;
	/** 1-based line (JSONL) or data row (CSV, header excluded) or record index (JSON). */
	row?: number;
	/** 1-based line of the text where the record starts, when it differs from `row` (JSON files). */
	line?: number;
	field?: string;
}

export interface DataIssue extends DataLocation {
	message: string;
	value?: string;
}

const KEY_LIKE = /\b(sk|rk|pk|key|api)[-_][A-Za-z0-9_-]{6,}/gi;

export function redactSecrets(text: string): string {
	return text.replace(KEY_LIKE, (match) => `${match.slice(0, 3)}…[redacted]`);
}

export function shorten(value: unknown, max = 60): string {
	let text: string;
	if (typeof value === 'string') text = JSON.stringify(value);
	else if (value === undefined) text = 'undefined';
	else {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = String(value);
		}
	}
	text = redactSecrets(text);
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function formatLocation(location: DataLocation): string {
	const parts: string[] = [];
	if (location.file) parts.push(location.file);
	if (location.row !== undefined) parts.push(`row ${location.row}`);
	if (location.line !== undefined) parts.push(`line ${location.line}`);
	if (location.field) parts.push(`field "${location.field}"`);
	return parts.join(', ');
}

export function formatIssue(issue: DataIssue): string {
	const where = formatLocation(issue);
	const value = issue.value !== undefined ? ` (got ${issue.value})` : '';
	return `${where ? `${where}: ` : ''}${issue.message}${value}`;
}

export function fieldPath(path: readonly PropertyKey[]): string {
	return path
		.map((part, index) =>
			typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`
		)
		.join('');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let current: unknown = input;
	for (const part of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<PropertyKey, unknown>)[part];
	}
	return current;
}

/** Turns a zod error into located issues, one per problem, naming each field. */
export function zodIssues(
	error: z.ZodError,
	input: unknown,
	location: DataLocation = {}
): DataIssue[] {
	return error.issues.map((issue) => {
		const field = fieldPath(issue.path);
		const value = valueAt(input, issue.path);
		return {
			...location,
			field: [location.field, field].filter(Boolean).join('.') || undefined,
			message: issue.message,
			value: value === undefined ? undefined : shorten(value)
		};
	});
}

export class DataError extends Error {
	constructor(
		readonly issues: DataIssue[],
		readonly total: number = issues.length
	) {
		super(
			issues.slice(0, 3).map(formatIssue).join('\n') + (total > 3 ? `\n…and ${total - 3} more` : '')
		);
		this.name = 'DataError';
	}
}
