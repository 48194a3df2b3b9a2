// Every judgment is stored twice: as its own row in `judgments`, which the indexes (study, rater,
// trial, time) and every per-judgment read use, and inside a segment of `judgmentSegments`,
// which only whole-table reads use. Chromium charges tens of µs per IndexedDB record read
// whatever its size: 100,000 judgment rows take 1.7–2.8 s to read here, the same judgments as
// 200 segments of compact JSON text 0.17 s, decoded. Exports and large Results read segments.
//
// A segment holds up to SEGMENT_SIZE judgments sorted in export order, (createdAt, id), as compact
// JSON text (core/codecs/judgment-segment.ts), keyed by its first judgment's sort key. Segments
// never overlap: a judgment belongs to the segment with the greatest key at or below its own (or
// the first one), so reading segments in key order gives every judgment in export order. The
// segments are kept in step with the rows by judgment-segments-middleware.ts inside the same
// transaction as each write, whichever code writes.
import { compareRecords } from '$lib/core/codecs/judgment-record';
import { decodeJudgments, encodeJudgments } from '$lib/core/codecs/judgment-segment';
import type { Judgment } from '$lib/core/schema';
import type { ArenaDB } from '../arena-db';

export const SEGMENT_SIZE = 500;

export interface JudgmentSegment {
	/** The sort key of its first judgment. */
	key: string;
	count: number;
	/** The judgments, sorted by sort key, as text (core/codecs/judgment-segment.ts). */
	judgments: string;
}

export const SEGMENT_INDEXES = 'key';

/** (createdAt, id) as one string that sorts the same way (NUL sorts below any other character). */
export function sortKey(judgment: Pick<Judgment, 'createdAt' | 'id'>): string {
	return `${judgment.createdAt}\u0000${judgment.id}`;
}

export function decodeSegment(segment: JudgmentSegment): Judgment[] {
	return decodeJudgments(segment.judgments);
}

/** Sorted judgments cut into segments: full ones first, so appending fills the last one. */
export function toSegments(sorted: readonly Judgment[], size = SEGMENT_SIZE): JudgmentSegment[] {
	const segments: JudgmentSegment[] = [];
	for (let start = 0; start < sorted.length; start += size) {
		const judgments = sorted.slice(start, start + size);
		segments.push({
			key: sortKey(judgments[0] as Judgment),
			count: judgments.length,
			judgments: encodeJudgments(judgments)
		});
	}
	return segments;
}

/**
 * The key of the segment a sort key belongs to, among keys sorted ascending: the greatest at or
 * below it, else the first; undefined when there are no segments.
 */
export function segmentFor(keys: readonly string[], key: string): string | undefined {
	let low = 0;
	let high = keys.length - 1;
	let found = 0;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if ((keys[middle] as string) <= key) {
			found = middle;
			low = middle + 1;
		} else high = middle - 1;
	}
	return keys[found];
}

export interface SegmentChange {
	/** Judgments whose ids are in here are taken out (a put replaces: its id is here too). */
	removed: (judgment: Judgment) => boolean;
	/** Sort keys of the removed judgments, or 'all' when they are not known (every segment is read). */
	removedKeys: readonly string[] | 'all';
	added: readonly Judgment[];
}

export interface SegmentRewrite {
	/** Segments to read (by key) before rewriting. */
	read: string[];
	/** Given those segments (in the same order, undefined if missing): what to delete and put. */
	rewrite(stored: readonly (JudgmentSegment | undefined)[]): {
		deleted: string[];
		put: JudgmentSegment[];
	};
}

/**
 * Plans a change against the current segment keys: which segments it touches, and their new
 * contents. Each touched segment is rewritten on its own (cut again if it grew past
 * SEGMENT_SIZE), so the new segments stay inside its key range and never overlap others.
 */
export function planSegmentChange(
	keys: readonly string[],
	change: SegmentChange,
	size = SEGMENT_SIZE
): SegmentRewrite {
	const addedTo = new Map<string, Judgment[]>();
	const fresh: Judgment[] = [];
	const touch = (key: string) => {
		let list = addedTo.get(key);
		if (!list) addedTo.set(key, (list = []));
		return list;
	};
	if (change.removedKeys === 'all') keys.forEach(touch);
	else
		for (const key of change.removedKeys) {
			const segment = segmentFor(keys, key);
			if (segment !== undefined) touch(segment);
		}
	// The last write of an id wins, as in the table.
	const added = new Map(change.added.map((judgment) => [judgment.id, judgment]));
	for (const judgment of added.values()) {
		const segment = segmentFor(keys, sortKey(judgment));
		if (segment === undefined) fresh.push(judgment);
		else touch(segment).push(judgment);
	}
	const read = [...addedTo.keys()];
	return {
		read,
		rewrite(stored) {
			const put = toSegments(fresh.sort(compareRecords), size);
			read.forEach((key, index) => {
				const segment = stored[index];
				const kept = segment
					? decodeSegment(segment).filter((j) => !change.removed(j) && !added.has(j.id))
					: [];
				put.push(...toSegments(kept.concat(addedTo.get(key) ?? []).sort(compareRecords), size));
			});
			return { deleted: read, put };
		}
	};
}

/** Segments rebuilt from the rows (a new database version, or a repair). */
export function segmentsOf(judgments: readonly Judgment[]): JudgmentSegment[] {
	return toSegments([...judgments].sort(compareRecords));
}

export async function rebuildSegments(db: ArenaDB): Promise<void> {
	await db.transaction('rw', [db.judgments, db.judgmentSegments], async () => {
		const judgments = await db.judgments.toArray();
		await db.judgmentSegments.clear();
		await db.judgmentSegments.bulkAdd(segmentsOf(judgments));
	});
}

/** Every segment, and whether they hold as many judgments as there are rows (one transaction). */
async function snapshot(db: ArenaDB): Promise<{ segments: JudgmentSegment[]; inStep: boolean }> {
	return db.transaction('r', [db.judgments, db.judgmentSegments], async () => {
		const segments = await db.judgmentSegments.toArray();
		const rows = await db.judgments.count();
		const held = segments.reduce((sum, segment) => sum + segment.count, 0);
		return { segments, inStep: held === rows };
	});
}

/** Every segment if they are in step with the rows, else undefined; writes nothing (live queries). */
export async function segmentsInStep(db: ArenaDB): Promise<JudgmentSegment[] | undefined> {
	const { segments, inStep } = await snapshot(db);
	return inStep ? segments : undefined;
}

/**
 * Every segment. Should they ever disagree with the rows (a write that bypassed Dexie), they are
 * rebuilt from the rows first.
 */
export async function readSegments(db: ArenaDB): Promise<JudgmentSegment[]> {
	const first = await snapshot(db);
	if (first.inStep) return first.segments;
	await rebuildSegments(db);
	return (await snapshot(db)).segments;
}
