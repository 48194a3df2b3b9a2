// Shapes shared by the import pipeline: a file is first read into a Table of located records
// (CSV, JSONL or JSON), then one dataset format maps each record to a DraftItem, then validation
// turns drafts into PromptItems. Every record keeps where it came from, so every issue can say
// "file, line/row/record, field".
import type { DataIssue } from '../../errors';

export type ContainerKind = 'csv' | 'jsonl' | 'json';

/** What a record's number counts: JSONL lines, CSV data rows (header excluded), JSON records. */
export type RowUnit = 'line' | 'row' | 'record';

export interface ImportIssue extends DataIssue {
	unit?: RowUnit;
	/** Physical line where a CSV row starts (rows and lines differ with quoted newlines). */
	line?: number;
}

export interface SourceRecord {
	/** 1-based line (JSONL), data row (CSV) or record index (JSON). */
	row: number;
	line?: number;
	value: Record<string, unknown>;
}

export interface Table {
	file: string;
	kind: ContainerKind;
	unit: RowUnit;
	/** CSV header, or the keys seen in the first records of JSON/JSONL, in first-seen order. */
	columns: string[];
	records: SourceRecord[];
	/** Problems with the container itself (syntax, encoding, a row that is not an object). */
	issues: ImportIssue[];
	/** True when nothing in the file can be trusted (empty, binary, unclosed quote, bad JSON). */
	fatal: boolean;
	/** Top-level fields of a JSON object that wraps the records (e.g. SelfAware's `license`). */
	meta: Record<string, unknown>;
	/** Key of the records array inside a top-level JSON object, when there is one. */
	recordsPath?: string;
	/** Rows counted but skipped as empty (blank lines). */
	blankRows: number;
}

/** A record mapped to prompt fields, before ids, hashes and schema checks. */
export interface DraftItem {
	system?: string;
	turns: string[];
	traits: string[];
	domain?: string;
	tags: string[];
	raterNote?: string;
	reference?: string;
	/** The dataset's own id for the row, kept as `source.key`. */
	key?: string;
}

export type DraftField =
	'system' | 'turns' | 'traits' | 'domain' | 'tags' | 'raterNote' | 'reference';

/** Which source column fed each draft field, so schema errors name the user's column. */
export type FieldSources = Partial<Record<DraftField, string | readonly string[]>>;

export interface MapResult {
	draft?: DraftItem;
	issues: ImportIssue[];
}

export interface SetInfo {
	name: string;
	description?: string;
	license?: string;
}

export type FormatId =
	| 'trait-arena'
	| 'truthfulqa'
	| 'anthropic-evals'
	| 'winogenerated'
	| 'bbq'
	| 'mt-bench'
	| 'xstest'
	| 'selfaware'
	| 'caa-sycophancy'
	| 'openai-chat'
	| 'sharegpt'
	| 'hf-chat'
	| 'generic';

/** How a format recognised a file: by its fields (content) or only by its file name. */
export type Match = 'content' | 'name' | false;

export interface DatasetFormat {
	id: Exclude<FormatId, 'trait-arena' | 'generic'>;
	label: string;
	/** `source.dataset` of every item. */
	dataset: string;
	kinds: readonly ContainerKind[];
	/** Fields every record needs; a file named like the dataset but without them is an error. */
	required: readonly string[];
	sources: FieldSources;
	match(file: string, table: Table): Match;
	setInfo(file: string, table: Table): SetInfo;
	map(record: SourceRecord, context: MapContext): MapResult;
}

export interface MapContext {
	file: string;
	unit: RowUnit;
}

/** How to read an unknown CSV/JSON file: columns for each field, or constant values. */
export interface ColumnMapping {
	prompt: string;
	system?: string;
	followUps?: string[];
	traits?: string;
	domain?: string;
	tags?: string[];
	reference?: string;
	raterNote?: string;
	key?: string;
	constantTraits?: string[];
	constantDomain?: string;
	constantTags?: string[];
}
