// Any other CSV or JSON: the user says which column is the prompt and which give the system
// message, follow-up turns, traits, domain, tags, reference, rater note and id, or sets constant
// values for the whole file. A guess from common column names pre-fills the choice.
import { readConversation } from './chat';
import { FieldReader, cell, describeType, slugify, traitSlug, unique } from './fields';
import { isPlainObject } from './text';
import type {
	ColumnMapping,
	FieldSources,
	ImportIssue,
	MapContext,
	MapResult,
	SourceRecord,
	Table
} from './types';
import { shorten } from '../../errors';

const GUESSES: Readonly<Record<string, readonly string[]>> = {
	prompt: [
		'prompt',
		'question',
		'input',
		'instruction',
		'query',
		'user',
		'user_prompt',
		'message',
		'messages',
		'conversations',
		'turns',
		'text',
		'goal',
		'request'
	],
	system: ['system', 'system_prompt', 'system_message', 'steer', 'steering'],
	traits: ['traits', 'trait', 'category', 'categories'],
	domain: ['domain', 'area', 'subject', 'topic'],
	tags: ['tags', 'tag', 'category', 'categories', 'type', 'label'],
	reference: ['reference', 'best_answer', 'answer', 'target', 'expected', 'ideal'],
	raterNote: ['rater_note', 'ratername', 'rater note', 'notes', 'note', 'rationale'],
	key: ['id', 'key', 'uid', 'question_id', 'example_id']
};

function normal(name: string): string {
	return name
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
}

/** A column's name without a `metadata.` / `meta.` parent: labels one level down count too. */
function leaf(column: string): string {
	return normal(column.replace(/^(metadata|meta)\./i, ''));
}

function guess(columns: readonly string[], field: string, taken: Set<string>): string | undefined {
	for (const wanted of GUESSES[field] ?? []) {
		const found =
			columns.find((column) => normal(column) === wanted && !taken.has(column)) ??
			columns.find((column) => leaf(column) === wanted && !taken.has(column));
		if (found) return found;
	}
	return undefined;
}

/** A mapping guessed from column names, or undefined when no column looks like a prompt. */
export function suggestMapping(columns: readonly string[]): ColumnMapping | undefined {
	const taken = new Set<string>();
	const prompt = guess(columns, 'prompt', taken);
	if (!prompt) return undefined;
	taken.add(prompt);
	const mapping: ColumnMapping = { prompt };
	const followUps = columns.filter((column) =>
		/^(follow[_ ]?up|turn)[_ ]?\d*$/.test(normal(column))
	);
	if (followUps.length) {
		mapping.followUps = followUps;
		followUps.forEach((column) => taken.add(column));
	}
	for (const field of ['system', 'traits', 'domain', 'reference', 'raterNote', 'key'] as const) {
		const column = guess(columns, field, taken);
		if (column) {
			mapping[field] = column;
			taken.add(column);
		}
	}
	const tag = guess(columns, 'tags', taken);
	if (tag) mapping.tags = [tag];
	return mapping;
}

/** Columns the mapping names that the file does not have (one file-level issue each). */
export function mappingIssues(table: Table, mapping: ColumnMapping): ImportIssue[] {
	const columns = new Set(table.columns);
	const named: [string, string | undefined][] = [
		['prompt', mapping.prompt],
		['system', mapping.system],
		['traits', mapping.traits],
		['domain', mapping.domain],
		['reference', mapping.reference],
		['rater note', mapping.raterNote],
		['id', mapping.key],
		...(mapping.followUps ?? []).map((column): [string, string] => ['follow-up', column]),
		...(mapping.tags ?? []).map((column): [string, string] => ['tags', column])
	];
	const issues: ImportIssue[] = [];
	if (!mapping.prompt.trim())
		issues.push({ file: table.file, message: 'Choose the column that holds the prompt.' });
	for (const [role, column] of named) {
		if (column === undefined || column === '' || columns.has(column)) continue;
		issues.push({
			file: table.file,
			field: column,
			message: `The ${role} column "${column}" is not in the file`,
			value: shorten(table.columns.join(', '), 120)
		});
	}
	return issues;
}

export function genericSources(mapping: ColumnMapping): FieldSources {
	return {
		turns: [mapping.prompt, ...(mapping.followUps ?? [])],
		system: mapping.system,
		traits: mapping.traits,
		domain: mapping.domain,
		tags: mapping.tags?.[0],
		reference: mapping.reference,
		raterNote: mapping.raterNote
	};
}

function joined(fields: FieldReader, column: string | undefined): string | undefined {
	if (!column) return undefined;
	if (Array.isArray(fields.get(column))) {
		const parts = fields.optionalTextList(column).filter((entry) => entry.trim() !== '');
		return parts.length ? parts.join('; ') : undefined;
	}
	return fields.optionalText(column);
}

export function mapGeneric(
	mapping: ColumnMapping,
	record: SourceRecord,
	context: MapContext
): MapResult {
	const fields = new FieldReader(record, context);
	const raw = cell(record.value, mapping.prompt);
	let turns: string[] | undefined;
	let system: string | undefined;
	let answer: string | undefined;
	if (Array.isArray(raw) && raw.some(isPlainObject)) {
		const conversation = readConversation(fields, mapping.prompt);
		turns = conversation?.turns;
		system = conversation?.system;
		answer = conversation?.answer;
	} else if (Array.isArray(raw)) turns = fields.textList(mapping.prompt);
	else {
		const first = fields.text(mapping.prompt);
		turns = first === undefined ? undefined : [first];
	}
	for (const column of mapping.followUps ?? []) {
		const value = cell(record.value, column);
		if (typeof value === 'string' && value.trim()) turns?.push(value);
		else if (value !== undefined && value !== null && value !== '' && typeof value !== 'string')
			fields.fail(column, `must be text, not ${describeType(value)}`, value);
	}
	if (mapping.system) system = fields.optionalText(mapping.system) ?? system;
	if (turns === undefined) return { issues: fields.issues };
	const domainValue = mapping.domain ? fields.optionalText(mapping.domain) : undefined;
	return {
		draft: {
			system,
			turns,
			traits: unique([
				...(mapping.traits ? fields.labels(mapping.traits, traitSlug) : []),
				...(mapping.constantTraits ?? []).map(traitSlug).filter(Boolean)
			]),
			domain:
				(domainValue ? slugify(domainValue) : '') ||
				(mapping.constantDomain ? slugify(mapping.constantDomain) : '') ||
				undefined,
			tags: unique([
				...(mapping.tags ?? []).flatMap((column) => fields.labels(column, slugify)),
				...(mapping.constantTags ?? []).map((tag) => slugify(tag)).filter(Boolean)
			]),
			reference: joined(fields, mapping.reference) ?? answer,
			raterNote: joined(fields, mapping.raterNote),
			key: mapping.key ? fields.optionalId(mapping.key) : undefined
		},
		issues: fields.issues
	};
}
