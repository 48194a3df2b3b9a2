// The import pipeline in one call: read the file into located records, detect its format, map
// and validate every row, and report what *would* be written (items, preview, counts, issues).
// It writes nothing itself; the caller commits `items` in one transaction, or does not. Long
// files are processed in chunks with a `pause` hook between them, so the same code can run in a
// Web Worker (no pause needed) or on a page that must stay responsive.
import { PromptSetSchema, type PromptItem, type PromptSet } from '../../schema';
import type { AbortSignalLike } from '../../stream/events';
import { detectFormat, formatById, type Detection } from './detect';
import { fileBase } from './fields';
import { genericSources, mapGeneric, mappingIssues } from './generic';
import { ourItemCandidate, readOurHeader } from './our-format';
import type {
	ColumnMapping,
	ContainerKind,
	FormatId,
	ImportIssue,
	SourceRecord,
	Table
} from './types';
import {
	ItemBuilder,
	draftToCandidate,
	type DuplicateNote,
	type ImportCounts,
	type PreviewRow
} from './validate';

export * from './types';
export { readTable, detectFormat, containerOf, DATASET_FORMATS, formatById } from './detect';
export type { Detection } from './detect';
export { suggestMapping, mappingIssues } from './generic';
export {
	PROMPT_SET_FORMAT,
	exportPromptSet,
	promptSetLines,
	envelopeLine,
	itemRecord,
	setRecord,
	type PromptSetExportOptions
} from './our-format';
export {
	formatImportIssue,
	rowItemId,
	MAX_LISTED,
	PREVIEW_ROWS,
	type PreviewRow,
	type DuplicateNote,
	type ImportCounts,
	type RowStatus
} from './validate';
export { slugify, slugList, traitSlug, fileStem } from './fields';

export interface AnalyseOptions {
	/** Id for a new set (datasets and generic files); our own format keeps its set's id. */
	setId: string;
	now: string;
	/** Read the file as this dataset, or as `generic` with `mapping`, instead of detecting. */
	formatId?: FormatId;
	mapping?: ColumnMapping;
	setName?: string;
	chunkSize?: number;
	pause?: () => Promise<void>;
	onProgress?: (done: number, total: number) => void;
	/** Which of these content hashes the library already holds. */
	knownHashes?: (hashes: readonly string[]) => Promise<ReadonlySet<string>>;
	signal?: AbortSignalLike;
}

export interface ImportAnalysis {
	file: string;
	kind: ContainerKind;
	formatId: FormatId;
	formatLabel: string;
	columns: string[];
	/** The column mapping used (generic files only). */
	mapping?: ColumnMapping;
	/** A generic file whose prompt column is not known yet: nothing was mapped. */
	needsMapping: boolean;
	/** The file as a whole cannot be imported (empty, binary, syntax, missing columns). */
	fatal: boolean;
	set?: PromptSet;
	items: PromptItem[];
	preview: PreviewRow[];
	counts: ImportCounts;
	issues: ImportIssue[];
	issueTotal: number;
	duplicates: DuplicateNote[];
	duplicateTotal: number;
}

const EMPTY_COUNTS: ImportCounts = { rows: 0, valid: 0, invalid: 0, duplicates: 0 };

function shell(table: Table, formatId: FormatId, formatLabel: string): ImportAnalysis {
	return {
		file: table.file,
		kind: table.kind,
		formatId,
		formatLabel,
		columns: table.columns,
		needsMapping: false,
		fatal: false,
		items: [],
		preview: [],
		counts: { ...EMPTY_COUNTS, rows: table.records.length + table.issues.length },
		issues: [],
		issueTotal: 0,
		duplicates: [],
		duplicateTotal: 0
	};
}

function fatal(analysis: ImportAnalysis, issues: readonly ImportIssue[]): ImportAnalysis {
	return {
		...analysis,
		fatal: true,
		issues: issues.slice(0, 100),
		issueTotal: issues.length
	};
}

function resolve(table: Table, options: AnalyseOptions): Detection {
	if (options.formatId === 'generic' || options.mapping)
		return { kind: 'generic', mapping: options.mapping };
	const forced = options.formatId ? formatById(options.formatId) : undefined;
	if (forced)
		return {
			kind: 'dataset',
			format: forced,
			missing: forced.required.filter((column) => !table.columns.includes(column))
		};
	return detectFormat(table);
}

function newSet(options: AnalyseOptions, name: string, description?: string, license?: string) {
	return PromptSetSchema.parse({
		id: options.setId,
		name: (options.setName?.trim() || name).slice(0, 200),
		version: '1',
		origin: 'imported',
		...(description ? { description: description.slice(0, 5000) } : {}),
		...(license ? { license } : {}),
		createdAt: options.now
	});
}

type RowHandler = (record: SourceRecord, builder: ItemBuilder) => void;

async function run(
	table: Table,
	records: readonly SourceRecord[],
	handle: RowHandler,
	options: AnalyseOptions
): Promise<ItemBuilder> {
	const builder = new ItemBuilder(table.file, table.unit);
	const chunk = options.chunkSize ?? 2000;
	// Container problems (a line that is not JSON, a row with too many fields) are invalid rows.
	const broken = [...table.issues].filter((issue) => issue.row !== undefined);
	let next = 0;
	for (let index = 0; index < records.length; index++) {
		const record = records[index] as SourceRecord;
		while (next < broken.length && (broken[next]?.row ?? 0) < record.row) {
			builder.reject({ row: broken[next]?.row ?? 0 }, [broken[next] as ImportIssue]);
			next++;
		}
		handle(record, builder);
		if ((index + 1) % chunk === 0) {
			if (options.signal?.aborted) throw options.signal.reason ?? new Error('Import cancelled');
			options.onProgress?.(index + 1, records.length);
			await options.pause?.();
		}
	}
	for (; next < broken.length; next++)
		builder.reject({ row: broken[next]?.row ?? 0 }, [broken[next] as ImportIssue]);
	options.onProgress?.(records.length, records.length);
	return builder;
}

async function conclude(
	analysis: ImportAnalysis,
	builder: ItemBuilder,
	options: AnalyseOptions
): Promise<ImportAnalysis> {
	const known = options.knownHashes ? await options.knownHashes(builder.hashes()) : undefined;
	const outcome = builder.finish(known);
	return {
		...analysis,
		items: outcome.items,
		preview: builder.preview,
		counts: outcome.counts,
		issues: builder.issues.listed,
		issueTotal: builder.issues.total,
		duplicates: builder.duplicates,
		duplicateTotal: outcome.duplicateTotal
	};
}

/** Maps and validates a read table. Writes nothing. */
export async function analyseTable(table: Table, options: AnalyseOptions): Promise<ImportAnalysis> {
	const file = fileBase(table.file);
	if (table.fatal) return fatal(shell(table, 'generic', 'Unreadable file'), table.issues);
	const detection = resolve(table, options);

	if (detection.kind === 'trait-arena') {
		const analysis = shell(table, 'trait-arena', 'Trait Arena prompt set');
		const header = readOurHeader(table);
		const set = header.set;
		if (!set) return fatal(analysis, header.issues);
		const builder = await run(
			table,
			table.records.slice(1),
			(record, items) => {
				const result = ourItemCandidate(record, set, table);
				if (result.issue) return items.reject(record, [result.issue]);
				items.accept(record, result.candidate);
			},
			options
		);
		return conclude({ ...analysis, set }, builder, options);
	}

	if (detection.kind === 'dataset') {
		const { format, missing } = detection;
		const analysis = shell(table, format.id, format.label);
		if (missing.length)
			return fatal(analysis, [
				{
					file: table.file,
					field: missing[0],
					message: `looks like ${format.label}, but the column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing`,
					value: JSON.stringify(table.columns.join(', ')).slice(0, 120)
				}
			]);
		const info = format.setInfo(table.file, table);
		const set = newSet(
			options,
			info.name,
			`${info.description ?? ''} Imported from ${file}.`.trim(),
			info.license
		);
		const context = { file: table.file, unit: table.unit };
		const itemContext = { setId: set.id, dataset: format.dataset, file, now: options.now };
		const builder = await run(
			table,
			table.records,
			(record, items) => {
				const result = format.map(record, context);
				if (!result.draft || result.issues.length)
					return items.reject(record, result.issues, result.draft);
				items.accept(record, draftToCandidate(result.draft, record, itemContext), format.sources);
			},
			options
		);
		return conclude({ ...analysis, set }, builder, options);
	}

	const analysis = shell(table, 'generic', table.kind.toUpperCase());
	const mapping = detection.mapping;
	if (!mapping) return { ...analysis, needsMapping: true };
	const problems = mappingIssues(table, mapping);
	if (problems.length) return { ...fatal(analysis, problems), mapping, needsMapping: true };
	const set = newSet(options, file.replace(/\.[^.]*$/, '') || file, `Imported from ${file}.`);
	const context = { file: table.file, unit: table.unit };
	const itemContext = { setId: set.id, dataset: file.slice(0, 200), file, now: options.now };
	const sources = genericSources(mapping);
	const builder = await run(
		table,
		table.records,
		(record, items) => {
			const result = mapGeneric(mapping, record, context);
			if (!result.draft || result.issues.length)
				return items.reject(record, result.issues, result.draft);
			items.accept(record, draftToCandidate(result.draft, record, itemContext), sources);
		},
		options
	);
	return conclude({ ...analysis, set, mapping }, builder, options);
}
