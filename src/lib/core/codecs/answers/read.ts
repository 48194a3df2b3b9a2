// Answers generated elsewhere, read from the files evaluation harnesses write: FastChat / MT-Bench
// model-answer files ({question_id, model_id, choices: [{turns}]}), AlpacaEval outputs
// ({instruction, output, generator}) and our own plain JSONL ({item_id | prompt, model, answers}).
// Every record says which item it answers (by id or by prompt text), which model, and the answer
// turns; a record of the wrong shape or with a value of the wrong type is refused by line and field.
import { readTable } from '../import/detect';
import { FieldReader, describeType } from '../import/fields';
import type { ImportIssue, MapContext, RowUnit, SourceRecord } from '../import/types';

export type AnswerFormat = 'fastchat' | 'alpaca-eval' | 'trait-arena';

export const ANSWER_FORMAT_LABELS: Readonly<Record<AnswerFormat, string>> = {
	fastchat: 'FastChat / MT-Bench model answers',
	'alpaca-eval': 'AlpacaEval outputs',
	'trait-arena': 'Trait Arena answers'
};

export interface AnswerRow {
	row: number;
	format: AnswerFormat;
	model: string;
	/** The item's id (ours, or the dataset's own key such as MT-Bench's question_id). */
	itemRef?: string;
	/** The first user turn as the file gives it, when matching by text. */
	prompt?: string;
	answers: string[];
}

export interface AnswerFile {
	file: string;
	unit: RowUnit;
	rows: AnswerRow[];
	issues: ImportIssue[];
	/** Records in the file, readable or not. */
	total: number;
	fatal: boolean;
}

function formatOf(value: Record<string, unknown>): AnswerFormat | undefined {
	if ('choices' in value && 'model_id' in value) return 'fastchat';
	if ('output' in value && 'generator' in value) return 'alpaca-eval';
	if (('answers' in value || 'answer' in value) && ('model' in value || 'item_id' in value))
		return 'trait-arena';
	return undefined;
}

function fastchat(fields: FieldReader): Omit<AnswerRow, 'row' | 'format'> | undefined {
	const model = fields.text('model_id');
	const itemRef = fields.optionalId('question_id');
	if (itemRef === undefined) fields.fail('question_id', 'is missing');
	const choices = fields.get('choices');
	if (!Array.isArray(choices) || choices.length === 0) {
		fields.fail(
			'choices',
			`must be a list with at least one choice, not ${describeType(choices)}`,
			choices
		);
		return undefined;
	}
	const first = choices[0];
	const turns =
		typeof first === 'object' && first !== null && !Array.isArray(first)
			? (first as Record<string, unknown>)['turns']
			: undefined;
	const reader = new FieldReader(
		{ ...fields.record, value: { 'choices[0].turns': turns } },
		fields.context
	);
	const answers = reader.textList('choices[0].turns');
	fields.issues.push(...reader.issues);
	if (!model || !itemRef || !answers) return undefined;
	return { model, itemRef, answers };
}

function alpacaEval(fields: FieldReader): Omit<AnswerRow, 'row' | 'format'> | undefined {
	const prompt = fields.text('instruction');
	const answer = fields.text('output');
	const model = fields.text('generator');
	if (!prompt || !answer || !model) return undefined;
	return { model, prompt, answers: [answer] };
}

function ours(fields: FieldReader): Omit<AnswerRow, 'row' | 'format'> | undefined {
	const model = fields.text('model');
	const itemRef = fields.optionalId('item_id');
	const prompt = itemRef === undefined ? fields.text('prompt') : undefined;
	const answers =
		fields.get('answers') !== undefined
			? fields.textList('answers')
			: ((answer) => (answer === undefined ? undefined : [answer]))(fields.text('answer'));
	if (!model || (!itemRef && !prompt) || !answers) return undefined;
	return { model, itemRef, prompt, answers };
}

const READERS = { fastchat, 'alpaca-eval': alpacaEval, 'trait-arena': ours } as const;

/** Reads one answer file; never throws. */
export function readAnswerFile(file: string, text: string): AnswerFile {
	const table = readTable(file, text);
	const result: AnswerFile = {
		file,
		unit: table.unit,
		rows: [],
		issues: [...table.issues],
		total: table.records.length + table.issues.filter((issue) => issue.row !== undefined).length,
		fatal: table.fatal
	};
	if (table.fatal) return result;
	if (table.kind === 'csv') {
		result.fatal = true;
		result.issues.push({ file, message: 'Answer files are JSON or JSON Lines, not CSV.' });
		return result;
	}
	const context: MapContext = { file, unit: table.unit };
	for (const record of table.records) readRecord(record, context, result);
	return result;
}

function readRecord(record: SourceRecord, context: MapContext, result: AnswerFile): void {
	const fields = new FieldReader(record, context);
	const format = formatOf(record.value);
	if (!format) {
		fields.fail(
			undefined,
			'is not an answer record: expected {question_id, model_id, choices} (FastChat), {instruction, output, generator} (AlpacaEval) or {item_id or prompt, model, answers}'
		);
		result.issues.push(...fields.issues);
		return;
	}
	const row = READERS[format](fields);
	if (!row || fields.issues.length) {
		result.issues.push(...fields.issues);
		return;
	}
	result.rows.push({ row: record.row, format, ...row });
}
