// Every row goes through PromptItemSchema; nothing is written unless the caller later decides
// to. Issues name file, line/row and the *source* field (the user's column, not ours), keep the
// first 100 and count the rest. Rows with the same content (contentHash) as an earlier row, or
// as an item already in the library, are reported as duplicates and skipped.
import { promptContentHash } from '../../content-hash';
import { fieldPath, formatIssue, zodIssues } from '../../errors';
import { PromptItemSchema, type PromptItem } from '../../schema';
import type {
	DraftField,
	DraftItem,
	FieldSources,
	ImportIssue,
	RowUnit,
	SourceRecord
} from './types';

export const MAX_LISTED = 100;
export const PREVIEW_ROWS = 20;

export type RowStatus = 'ok' | 'invalid' | 'duplicate';

export interface PreviewRow {
	row: number;
	unit: RowUnit;
	status: RowStatus;
	/** The first user turn, cut to a readable length. */
	prompt: string;
	turns: number;
	system: boolean;
	traits: string[];
	domain?: string;
	tags: string[];
	/** Why the row is invalid or a duplicate. */
	note?: string;
}

export interface DuplicateNote {
	row: number;
	unit: RowUnit;
	/** Row of the first occurrence in the same file; absent when the library already has it. */
	firstRow?: number;
	inLibrary?: boolean;
}

export interface ImportCounts {
	rows: number;
	valid: number;
	invalid: number;
	duplicates: number;
}

const UNIT_WORD: Readonly<Record<RowUnit, string>> = { line: 'line', row: 'row', record: 'record' };

/** "file, line 7, field "question": message (got …)", with CSV rows also naming their line. */
export function formatImportIssue(issue: ImportIssue): string {
	if (issue.row === undefined || issue.unit === undefined) return formatIssue(issue);
	const parts = [issue.file, `${UNIT_WORD[issue.unit]} ${issue.row}`];
	if (issue.unit === 'row' && issue.line !== undefined && issue.line !== issue.row)
		parts[1] += ` (line ${issue.line})`;
	if (issue.field) parts.push(`field "${issue.field}"`);
	const where = parts.filter(Boolean).join(', ');
	const value = issue.value !== undefined ? ` (got ${issue.value})` : '';
	return `${where}: ${issue.message}${value}`;
}

/** Keeps the first MAX_LISTED issues and counts all of them. */
export class IssueList {
	readonly listed: ImportIssue[] = [];
	total = 0;

	add(...issues: ImportIssue[]): void {
		for (const issue of issues) {
			this.total++;
			if (this.listed.length < MAX_LISTED) this.listed.push(issue);
		}
	}
}

function sourceField(sources: FieldSources, path: readonly PropertyKey[]): string {
	const [head, index] = path;
	const source = typeof head === 'string' ? sources[head as DraftField] : undefined;
	if (source === undefined) return fieldPath(path);
	if (typeof source !== 'string') {
		const column = typeof index === 'number' ? source[index] : source[0];
		return column ?? fieldPath(path);
	}
	return head === 'turns' && typeof index === 'number' && index > 0
		? `${source}[${index}]`
		: source;
}

function cut(text: string, max = 160): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export interface ItemContext {
	setId: string;
	dataset: string;
	file: string;
	now: string;
}

/** A row id that sorts in file order: `<set>:000042`. */
export function rowItemId(setId: string, row: number): string {
	return `${setId}:${String(row).padStart(6, '0')}`;
}

/** A draft as a stored-item candidate: ids, source, hash and time added; empty fields dropped. */
export function draftToCandidate(
	draft: DraftItem,
	record: SourceRecord,
	context: ItemContext
): Record<string, unknown> {
	// Optional fields are set only when present: deleting keys afterwards would turn every
	// candidate into a slow dictionary object, for the schema check and everything after it.
	const candidate: Record<string, unknown> = {
		id: rowItemId(context.setId, record.row),
		setId: context.setId
	};
	if (draft.system !== undefined) candidate.system = draft.system;
	candidate.turns = draft.turns;
	candidate.traits = draft.traits;
	if (draft.domain !== undefined) candidate.domain = draft.domain;
	candidate.tags = draft.tags;
	if (draft.raterNote !== undefined) candidate.raterNote = draft.raterNote;
	if (draft.reference !== undefined) candidate.reference = draft.reference;
	candidate.source = {
		dataset: context.dataset,
		file: context.file.slice(0, 500),
		row: record.row,
		...(draft.key ? { key: draft.key.slice(0, 200) } : {})
	};
	candidate.contentHash = promptContentHash({ system: draft.system, turns: draft.turns });
	candidate.createdAt = context.now;
	return candidate;
}

interface Pending {
	item: PromptItem;
	preview?: PreviewRow;
	row: number;
}

/** Collects rows one at a time; `finish` drops library duplicates and returns the outcome. */
export class ItemBuilder {
	readonly issues = new IssueList();
	readonly preview: PreviewRow[] = [];
	readonly duplicates: DuplicateNote[] = [];
	#duplicateTotal = 0;
	#invalid = 0;
	#rows = 0;
	#pending: Pending[] = [];
	#byHash = new Map<string, number>();
	#byId = new Map<string, number>();

	constructor(
		readonly file: string,
		readonly unit: RowUnit
	) {}

	#previewRow(row: number, status: RowStatus, source: Partial<DraftItem>, note?: string) {
		if (this.preview.length >= PREVIEW_ROWS) return undefined;
		const entry: PreviewRow = {
			row,
			unit: this.unit,
			status,
			prompt: cut(source.turns?.[0] ?? ''),
			turns: source.turns?.length ?? 0,
			system: !!source.system,
			traits: source.traits ?? [],
			domain: source.domain,
			tags: (source.tags ?? []).slice(0, 8),
			note
		};
		this.preview.push(entry);
		return entry;
	}

	/** A row that failed before validation (unreadable, or a mapper complained). */
	reject(
		record: Pick<SourceRecord, 'row'>,
		issues: readonly ImportIssue[],
		draft?: Partial<DraftItem>
	) {
		this.#rows++;
		this.#invalid++;
		this.issues.add(...issues);
		this.#previewRow(record.row, 'invalid', draft ?? {}, issues[0]?.message);
	}

	/** Validates one candidate item; `sources` renames our field names to the file's columns. */
	accept(record: SourceRecord, candidate: Record<string, unknown>, sources: FieldSources = {}) {
		const parsed = PromptItemSchema.safeParse(candidate);
		if (!parsed.success) {
			const location = {
				file: this.file,
				row: record.row,
				unit: this.unit,
				...(record.line !== undefined ? { line: record.line } : {})
			};
			const issues = zodIssues(parsed.error, candidate, location).map((issue, index) => ({
				...issue,
				field: sourceField(sources, parsed.error.issues[index]?.path ?? [])
			}));
			this.reject(record, issues, candidate as Partial<DraftItem>);
			return;
		}
		const item = parsed.data;
		const firstRow = this.#byHash.get(item.contentHash);
		const sameId = this.#byId.get(item.id);
		if (sameId !== undefined) {
			this.reject(record, [
				{
					file: this.file,
					row: record.row,
					unit: this.unit,
					field: 'id',
					message: `repeats the id of ${UNIT_WORD[this.unit]} ${sameId}`,
					value: JSON.stringify(item.id)
				}
			]);
			return;
		}
		this.#rows++;
		if (firstRow !== undefined) {
			this.#duplicate({ row: record.row, unit: this.unit, firstRow });
			this.#previewRow(
				record.row,
				'duplicate',
				item,
				`same content as ${UNIT_WORD[this.unit]} ${firstRow}`
			);
			return;
		}
		this.#byHash.set(item.contentHash, record.row);
		this.#byId.set(item.id, record.row);
		this.#pending.push({
			item,
			row: record.row,
			preview: this.#previewRow(record.row, 'ok', item)
		});
	}

	#duplicate(note: DuplicateNote) {
		this.#duplicateTotal++;
		if (this.duplicates.length < MAX_LISTED) this.duplicates.push(note);
	}

	/** Content hashes of the rows kept so far (to look up in the library). */
	hashes(): string[] {
		return this.#pending.map((entry) => entry.item.contentHash);
	}

	finish(inLibrary: ReadonlySet<string> = new Set()): {
		items: PromptItem[];
		counts: ImportCounts;
		duplicateTotal: number;
	} {
		const items: PromptItem[] = [];
		for (const entry of this.#pending) {
			if (!inLibrary.has(entry.item.contentHash)) {
				items.push(entry.item);
				continue;
			}
			this.#duplicate({ row: entry.row, unit: this.unit, inLibrary: true });
			if (entry.preview) {
				entry.preview.status = 'duplicate';
				entry.preview.note = 'already in the library';
			}
		}
		this.duplicates.sort((a, b) => a.row - b.row);
		return {
			items,
			counts: {
				rows: this.#rows,
				valid: items.length,
				invalid: this.#invalid,
				duplicates: this.#duplicateTotal
			},
			duplicateTotal: this.#duplicateTotal
		};
	}
}
