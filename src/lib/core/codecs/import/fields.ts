// Small readers for untrusted record fields. Each one either returns a clean value or records an
// issue naming the field and the value it got, so dataset mappers stay declarative.
import { shorten } from '../../errors';
import type { ImportIssue, MapContext, SourceRecord } from './types';

/**
 * A record's value for a column; `metadata.trait` reaches one level into a nested object (chat
 * datasets keep their labels under `metadata` or `meta`). A key that itself holds a dot wins.
 */
export function cell(value: Record<string, unknown>, column: string): unknown {
	if (column in value) return value[column];
	const dot = column.indexOf('.');
	if (dot < 0) return undefined;
	const parent = value[column.slice(0, dot)];
	return typeof parent === 'object' && parent !== null && !Array.isArray(parent)
		? (parent as Record<string, unknown>)[column.slice(dot + 1)]
		: undefined;
}

export function issueAt(
	context: MapContext,
	record: Pick<SourceRecord, 'row' | 'line'>,
	field: string | undefined,
	message: string,
	value?: unknown
): ImportIssue {
	return {
		file: context.file,
		row: record.row,
		unit: context.unit,
		...(record.line !== undefined ? { line: record.line } : {}),
		...(field ? { field } : {}),
		message,
		...(value !== undefined ? { value: shorten(value) } : {})
	};
}

/** Reads fields of one record, collecting issues instead of throwing. */
export class FieldReader {
	readonly issues: ImportIssue[] = [];

	constructor(
		readonly record: SourceRecord,
		readonly context: MapContext
	) {}

	get value(): Record<string, unknown> {
		return this.record.value;
	}

	fail(field: string | undefined, message: string, value?: unknown): void {
		this.issues.push(issueAt(this.context, this.record, field, message, value));
	}

	get(field: string): unknown {
		return cell(this.record.value, field);
	}

	/** A required text field. A number is not text: a prompt of 42 is a broken row, not "42". */
	text(field: string): string | undefined {
		const value = this.get(field);
		if (value === undefined || value === null) {
			this.fail(field, 'is missing');
			return undefined;
		}
		if (typeof value !== 'string') {
			this.fail(field, `must be text, not ${describeType(value)}`, value);
			return undefined;
		}
		if (value.trim() === '') {
			this.fail(field, 'must not be empty', value);
			return undefined;
		}
		return value;
	}

	/** An optional text field: empty, null and missing all mean "none". */
	optionalText(field: string): string | undefined {
		const value = this.get(field);
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'string') {
			this.fail(field, `must be text, not ${describeType(value)}`, value);
			return undefined;
		}
		return value.trim() === '' ? undefined : value;
	}

	/** An optional identifier: datasets number their rows, so a whole number is its decimal text. */
	optionalId(field: string): string | undefined {
		const value = this.get(field);
		if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
		return this.optionalText(field);
	}

	/**
	 * Labels (traits, tags). A CSV cell is text, so "a; b" is split there; in JSON a list field
	 * holds a list of text, and a single text value counts only as one label: a separated string
	 * is refused rather than guessed apart.
	 */
	labels(field: string, toSlug: (text: string) => string): string[] {
		const value = this.get(field);
		if (value === undefined || value === null || value === '') return [];
		if (this.context.unit === 'row') return slugList(value, toSlug);
		if (typeof value === 'string') {
			if (/[;,|]/.test(value)) {
				this.fail(field, 'must be a list of text like ["a", "b"], not text with separators', value);
				return [];
			}
			return slugList([value], toSlug);
		}
		const list = this.#textArray(field, value);
		return list ? unique(list.map((entry) => toSlug(entry.trim())).filter(Boolean)) : [];
	}

	/** A required array of text. */
	textList(field: string, { min = 1 }: { min?: number } = {}): string[] | undefined {
		const value = this.get(field);
		if (value === undefined || value === null) {
			this.fail(field, 'is missing');
			return undefined;
		}
		const list = this.#textArray(field, value);
		if (list && list.length < min) {
			this.fail(field, `needs at least ${min} entr${min === 1 ? 'y' : 'ies'}`, value);
			return undefined;
		}
		return list;
	}

	optionalTextList(field: string): string[] {
		const value = this.get(field);
		if (value === undefined || value === null) return [];
		return this.#textArray(field, value) ?? [];
	}

	/** `value` as a list of text, or undefined after naming what is not text (the entry, if one). */
	#textArray(field: string, value: unknown): string[] | undefined {
		if (!Array.isArray(value)) {
			this.fail(field, `must be a list of text, not ${describeType(value)}`, value);
			return undefined;
		}
		const bad = value.findIndex((entry) => typeof entry !== 'string');
		if (bad >= 0) {
			this.fail(`${field}[${bad}]`, `must be text, not ${describeType(value[bad])}`, value[bad]);
			return undefined;
		}
		return value as string[];
	}
}

export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'number') return 'a number';
	if (typeof value === 'boolean') return 'true/false';
	if (typeof value === 'string') return 'text';
	return typeof value;
}

const TRAIT_ALIASES: Readonly<Record<string, string>> = {
	honesty: 'truthfulness',
	truthful: 'truthfulness',
	humility: 'epistemic-humility',
	'epistemic-humbleness': 'epistemic-humility',
	calibration: 'epistemic-humility',
	corrigible: 'corrigibility',
	'transparency-in-reasoning': 'transparency',
	wellbeing: 'well-being',
	'concern-for-well-being': 'well-being',
	'concern-for-wellbeing': 'well-being',
	'user-well-being': 'well-being'
};

// Datasets repeat a handful of trait, domain and tag values on every row: each distinct text is
// slugged once (the cache is bounded so a column of free text cannot grow it without end).
const SLUG_CACHE_LIMIT = 10_000;
const slugs = new Map<string, string>();
const traitSlugs = new Map<string, string>();

function memo<T>(cache: Map<string, T>, text: string, make: (text: string) => T): T {
	let value = cache.get(text);
	if (value === undefined) {
		value = make(text);
		if (cache.size >= SLUG_CACHE_LIMIT) cache.clear();
		cache.set(text, value);
	}
	return value;
}

/**
 * A free-text label as an open-vocabulary slug: lowercase, accents removed, other characters
 * collapsed to hyphens (underscores kept, so dataset values stay recognisable). '' when nothing
 * usable is left.
 */
export function slugify(text: string): string {
	return memo(slugs, text, (raw) =>
		raw
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9_]+/g, '-')
			.replace(/[-_]{2,}/g, (run) => (run.includes('-') ? '-' : '_'))
			.replace(/^[-_]+|[-_]+$/g, '')
			.slice(0, 80)
			.replace(/[-_]+$/, '')
	);
}

export function traitSlug(text: string): string {
	return memo(traitSlugs, text, (raw) => {
		const slug = slugify(raw).replace(/_/g, '-');
		return TRAIT_ALIASES[slug] ?? slug;
	});
}

// A 100,000-row file repeats a handful of trait and tag cells: split each distinct one once.
const slugLists = new WeakMap<(text: string) => string, Map<string, readonly string[]>>();

/** Splits "a; b, c | d" lists (CSV cells) into slugs, dropping empties and repeats. */
export function slugList(value: unknown, toSlug: (text: string) => string = slugify): string[] {
	if (typeof value === 'string') {
		let cache = slugLists.get(toSlug);
		if (!cache) slugLists.set(toSlug, (cache = new Map()));
		return [...memo(cache, value, (text) => splitSlugs(text, toSlug))];
	}
	return splitSlugs(value, toSlug);
}

function splitSlugs(value: unknown, toSlug: (text: string) => string): string[] {
	const parts: string[] = [];
	const add = (entry: unknown) => {
		if (typeof entry === 'string') parts.push(...entry.split(/[;,|]/));
		else if (typeof entry === 'number' || typeof entry === 'boolean') parts.push(String(entry));
	};
	if (Array.isArray(value)) value.forEach(add);
	else add(value);
	return unique(parts.map((part) => toSlug(part.trim())).filter(Boolean));
}

export function unique<T>(values: readonly T[]): T[] {
	return [...new Set(values)];
}

/** Drops the folders and the extension: `a/b/corrigible-less-HHH.jsonl` → `corrigible-less-HHH`. */
export function fileStem(file: string): string {
	const base = file.split(/[\\/]/).pop() ?? file;
	return base.replace(/\.[^.]*$/, '') || base;
}

export function fileBase(file: string): string {
	return file.split(/[\\/]/).pop() ?? file;
}
