// Merging files from many raters must be idempotent and must never lose a judgment silently:
// each incoming row is new (id unseen), a duplicate (same id, same content) or a conflict (same
// id, different content). Conflicts keep the stored row and are reported with the fields that
// differ. Content is compared as canonical JSON (sorted keys, undefined dropped), so key order
// and absent-vs-undefined never make two equal records look different.
import { canonicalJson } from '../canonical-json';
import type { DataLocation } from '../errors';

export { canonicalJson };

function canonicalize(value: unknown): unknown {
	return JSON.parse(canonicalJson(value) ?? 'null') as unknown;
}

export function deepEqual(a: unknown, b: unknown): boolean {
	return canonicalJson(a) === canonicalJson(b);
}

/** Top-level fields whose content differs (for the conflict report). */
export function differingFields(a: unknown, b: unknown): string[] {
	const left = (canonicalize(a) ?? {}) as Record<string, unknown>;
	const right = (canonicalize(b) ?? {}) as Record<string, unknown>;
	if (typeof left !== 'object' || typeof right !== 'object') return [];
	const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
	return [...keys].filter((key) => JSON.stringify(left[key]) !== JSON.stringify(right[key])).sort();
}

export interface Incoming<T> {
	id: string;
	/** What is compared with the stored row's projection. */
	compare: unknown;
	/** What is written when the id is new. */
	row: T;
	location: DataLocation;
}

export interface Conflict {
	table: string;
	id: string;
	location: DataLocation;
	/** Top-level fields that differ from the stored row. */
	fields: string[];
}

export interface TableMerge<T> {
	table: string;
	fresh: T[];
	duplicates: number;
	conflicts: Conflict[];
}

/**
 * Classifies incoming rows against the stored ones. Pure: the caller reads `existing` and
 * writes `fresh` inside one transaction. An id repeated in `incoming` counts once.
 */
export function mergeRows<T, S>(
	table: string,
	incoming: Iterable<Incoming<T>>,
	existing: ReadonlyMap<string, S>,
	project: (stored: S) => unknown
): TableMerge<T> {
	const result: TableMerge<T> = { table, fresh: [], duplicates: 0, conflicts: [] };
	const seen = new Set<string>();
	for (const entry of incoming) {
		if (seen.has(entry.id)) continue;
		seen.add(entry.id);
		const stored = existing.get(entry.id);
		if (stored === undefined) {
			result.fresh.push(entry.row);
			continue;
		}
		const projected = project(stored);
		if (canonicalJson(projected) === canonicalJson(entry.compare)) result.duplicates++;
		else {
			result.conflicts.push({
				table,
				id: entry.id,
				location: entry.location,
				fields: differingFields(projected, entry.compare)
			});
		}
	}
	return result;
}

export interface MergeCounts {
	table: string;
	new: number;
	duplicate: number;
	conflict: number;
}

export function mergeCounts(merge: TableMerge<unknown>): MergeCounts {
	return {
		table: merge.table,
		new: merge.fresh.length,
		duplicate: merge.duplicates,
		conflict: merge.conflicts.length
	};
}

export interface Verdict {
	id: string;
	trialId: string;
	raterId: string;
}

const verdictKey = (verdict: Verdict) => `${verdict.raterId}\u0000${verdict.trialId}`;

/**
 * One verdict per trial per rater: a new judgment whose (trial, rater) already has a stored
 * verdict under another id, or an earlier one in the same import, is a conflict — kept out and
 * reported with its location — never a second row that results and exports would count.
 */
export function oneVerdictPerTrial<T extends Verdict>(
	merge: TableMerge<T>,
	stored: Iterable<Verdict>,
	locations: ReadonlyMap<string, DataLocation>
): TableMerge<T> {
	const taken = new Set<string>();
	for (const verdict of stored) taken.add(verdictKey(verdict));
	const fresh: T[] = [];
	const conflicts = [...merge.conflicts];
	for (const row of merge.fresh) {
		const key = verdictKey(row);
		if (taken.has(key))
			conflicts.push({
				table: merge.table,
				id: row.id,
				location: locations.get(row.id) ?? {},
				fields: ['raterId', 'trialId']
			});
		else {
			taken.add(key);
			fresh.push(row);
		}
	}
	return { ...merge, fresh, conflicts };
}
