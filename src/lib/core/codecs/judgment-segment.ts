// The text a judgment segment holds (db/repos/judgment-segments.ts). An export reads and decodes
// every segment, so the text is kept small: the ids and words that recur (app version, study,
// trial, item, rater, endpoints, verdict) are written once per segment and referred to by number,
// and each judgment is an array of its fields in a fixed order. 100,000 judgments take 19 MB
// instead of 45 MB as plain JSON; Chromium reads and decodes them in 0.17 s instead of 0.28 s. A judgment that does not have
// exactly this shape (a field missing or added, a referred field that is not text) makes its
// segment plain JSON, an array of the judgments as they are, which is also what segments written
// before this encoding hold: both decode.
import type { Judgment } from '../schema';

/**
 * Every judgment field, in the order decoded judgments have them (JudgmentSchema's); `true` marks
 * the recurring ones, written once per segment and referred to by number (-1 for null). The type
 * makes a field added to Judgment a compile error here until the encoding takes it.
 */
const LAYOUT = {
	id: false,
	schema: false,
	app: true,
	studyId: true,
	trialId: true,
	itemId: true,
	raterId: true,
	overall: true,
	skipReason: false,
	leftEndpointId: true,
	rightEndpointId: true,
	winnerEndpointId: true,
	traitChoices: false,
	flags: false,
	rationale: false,
	decisionMs: false,
	createdAt: false,
	updatedAt: false
} as const satisfies Record<keyof Judgment, boolean>;

export const SEGMENT_FIELDS = Object.keys(LAYOUT) as (keyof Judgment)[];
const REFERRED = new Set(SEGMENT_FIELDS.filter((field) => LAYOUT[field]));

/** One judgment's fields in SEGMENT_FIELDS order, referred ones as numbers. */
type Row = [
	id: string,
	schema: Judgment['schema'],
	app: number,
	studyId: number,
	trialId: number,
	itemId: number,
	raterId: number,
	overall: number,
	skipReason: Judgment['skipReason'],
	leftEndpointId: number,
	rightEndpointId: number,
	winnerEndpointId: number,
	traitChoices: Judgment['traitChoices'],
	flags: Judgment['flags'],
	rationale: string,
	decisionMs: number,
	createdAt: string,
	updatedAt: string
];

interface CompactSegment {
	strings: string[];
	rows: Row[];
}

function hasSegmentShape(judgment: Judgment): boolean {
	const fields = judgment as unknown as Record<string, unknown>;
	if (Object.keys(fields).length !== SEGMENT_FIELDS.length) return false;
	for (const field of SEGMENT_FIELDS) {
		const value = fields[field];
		if (value === undefined || !Object.hasOwn(fields, field)) return false;
		if (REFERRED.has(field) && typeof value !== 'string' && value !== null) return false;
	}
	return true;
}

/** The segment text of some judgments (compact when they all have the judgment shape). */
export function encodeJudgments(judgments: readonly Judgment[]): string {
	if (!judgments.every(hasSegmentShape)) return JSON.stringify(judgments);
	const strings: string[] = [];
	const numbers = new Map<string, number>();
	const refer = (value: string | null) => {
		if (value === null) return -1;
		let number = numbers.get(value);
		if (number === undefined) {
			number = strings.length;
			strings.push(value);
			numbers.set(value, number);
		}
		return number;
	};
	const rows = judgments.map((j): Row => [
		j.id,
		j.schema,
		refer(j.app),
		refer(j.studyId),
		refer(j.trialId),
		refer(j.itemId),
		refer(j.raterId),
		refer(j.overall),
		j.skipReason,
		refer(j.leftEndpointId),
		refer(j.rightEndpointId),
		refer(j.winnerEndpointId),
		j.traitChoices,
		j.flags,
		j.rationale,
		j.decisionMs,
		j.createdAt,
		j.updatedAt
	]);
	return JSON.stringify({ strings, rows } satisfies CompactSegment);
}

/** The judgments of a segment's text, in either encoding. */
export function decodeJudgments(text: string): Judgment[] {
	const parsed = JSON.parse(text) as Judgment[] | CompactSegment;
	if (Array.isArray(parsed)) return parsed;
	const { strings, rows } = parsed;
	// Referred fields are text, or null (-1) where a judgment has none (overall, winner).
	const at = (number: number) => (number < 0 ? null : (strings[number] as string));
	return rows.map((r): Judgment => ({
		id: r[0],
		schema: r[1],
		app: at(r[2]) as string,
		studyId: at(r[3]) as string,
		trialId: at(r[4]) as string,
		itemId: at(r[5]) as string,
		raterId: at(r[6]) as string,
		overall: at(r[7]) as Judgment['overall'],
		skipReason: r[8],
		leftEndpointId: at(r[9]) as string,
		rightEndpointId: at(r[10]) as string,
		winnerEndpointId: at(r[11]),
		traitChoices: r[12],
		flags: r[13],
		rationale: r[14],
		decisionMs: r[15],
		createdAt: r[16],
		updatedAt: r[17]
	}));
}
