// A segment's text is a second copy of its judgments: whatever they hold, decoding must give them
// back exactly, field for field and in the schema's key order; text written before the compact
// encoding (a plain JSON array) must still decode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	decodeJudgments,
	encodeJudgments,
	SEGMENT_FIELDS
} from '$lib/core/codecs/judgment-segment';
import { JudgmentSchema, OVERALL_CHOICES, SIDE_FLAGS, TRAIT_CHOICES } from '$lib/core/schema';
import type { Judgment } from '$lib/core/schema';
import { makeJudgment } from '../../factories';
import { awkwardText } from './awkward-records';

const orNull = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
// A few ids recur across judgments, as studies, raters and endpoints do.
const recurring = fc.oneof(fc.constantFrom('study-a', 'rater-1', 'ep-x', ''), awkwardText);

const judgment: fc.Arbitrary<Judgment> = fc
	.record({
		id: awkwardText,
		app: recurring,
		studyId: recurring,
		trialId: recurring,
		itemId: recurring,
		raterId: recurring,
		overall: orNull(fc.constantFrom(...OVERALL_CHOICES)),
		skipReason: orNull(awkwardText),
		leftEndpointId: recurring,
		rightEndpointId: recurring,
		winnerEndpointId: orNull(recurring),
		traitChoices: fc.dictionary(
			fc.stringMatching(/^[a-z][a-z-]{0,12}$/),
			fc.constantFrom(...TRAIT_CHOICES),
			{ noNullPrototype: true }
		),
		flags: fc
			.tuple(fc.subarray([...SIDE_FLAGS]), fc.subarray([...SIDE_FLAGS]))
			.map(([left, right]) => ({ left, right })),
		rationale: awkwardText,
		decisionMs: fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e9, noNaN: true })),
		createdAt: awkwardText,
		updatedAt: awkwardText
	})
	.map((fields) => makeJudgment(fields));

describe('judgment segment text', () => {
	it('gives back any judgments exactly, in the schema’s key order', () => {
		fc.assert(
			fc.property(fc.array(judgment, { maxLength: 12 }), (judgments) => {
				const text = encodeJudgments(judgments);
				expect(text.startsWith('{')).toBe(true);
				const decoded = decodeJudgments(text);
				expect(decoded).toStrictEqual(judgments);
				for (const one of decoded) expect(Object.keys(one)).toEqual([...SEGMENT_FIELDS]);
			}),
			{ numRuns: 300 }
		);
	});

	it('names every field of a judgment', () => {
		// A field added to the schema must be added to the segment encoding too.
		expect([...SEGMENT_FIELDS]).toEqual(Object.keys(JudgmentSchema.shape));
	});

	it('writes recurring ids once per segment: a third of plain JSON here', () => {
		const judgments = Array.from({ length: 500 }, (_, n) =>
			makeJudgment({ id: `judgment-${n}`, trialId: `trial-${n % 50}`, raterId: `rater-${n % 7}` })
		);
		const compact = encodeJudgments(judgments);
		expect(compact.length).toBeLessThan(JSON.stringify(judgments).length / 2);
		expect(decodeJudgments(compact)).toStrictEqual(judgments);
	});

	it('keeps judgments of another shape as plain JSON, as segments were first written', () => {
		const usual = makeJudgment();
		const extra = { ...makeJudgment({ id: 'j-extra' }), note: 'a field from elsewhere' };
		const { rationale: _dropped, ...missing } = makeJudgment({ id: 'j-missing' });
		const numbered = { ...makeJudgment({ id: 'j-number' }), studyId: 7 };
		for (const odd of [extra, missing, numbered] as unknown as Judgment[]) {
			const text = encodeJudgments([usual, odd]);
			expect(text).toBe(JSON.stringify([usual, odd]));
			expect(decodeJudgments(text)).toStrictEqual([usual, odd]);
		}
		// And text from before the compact encoding decodes as it always did.
		expect(decodeJudgments(JSON.stringify([usual]))).toStrictEqual([usual]);
	});
});
