// Judgment records whose own values (ids, verdicts, labels, trait keys, rationale, times) are
// awkward for a writer that copies plain text as it is: quotes, backslashes, commas, line breaks,
// control characters, lone surrogates, non-ASCII, leading spaces. The shared parts (study, item,
// responses) come from the synthetic world. For tests that hold a fast writer to a reference.
import fc from 'fast-check';
import { buildJudgmentRecord, type JudgmentRecord } from '$lib/core/codecs/judgment-record';
import { OVERALL_CHOICES, SIDE_FLAGS, TRAIT_CHOICES } from '$lib/core/schema';
import { syntheticWorld, worldContexts } from '../analysis/synthetic';

const base = [...worldContexts(syntheticWorld({ judgments: 6, items: 3 }))].map(
	buildJudgmentRecord
);

export const awkwardText = fc.string({
	unit: fc.oneof(
		{ weight: 5, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
		{
			weight: 2,
			arbitrary: fc.constantFrom(
				'"',
				'\\',
				',',
				' ',
				'\n',
				'\r\n',
				'\t',
				'\u0000',
				'\u007f',
				'é',
				'\u2028',
				'\ufeff',
				'\ud800',
				'😀'
			)
		}
	),
	maxLength: 60
});

/** Trait keys as the app writes them (slugs), or anything at all. */
const traitKey = (slugsOnly: boolean) =>
	slugsOnly
		? fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/)
		: fc.oneof(awkwardText, fc.constantFrom('0', '10', '__proto__', 'well-being'));

export function awkwardRecord(
	options: { slugTraits?: boolean } = {}
): fc.Arbitrary<JudgmentRecord> {
	const orNull = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
	return fc
		.record({
			index: fc.nat({ max: base.length - 1 }),
			app: awkwardText,
			id: awkwardText,
			raterId: awkwardText,
			overall: orNull(fc.constantFrom(...OVERALL_CHOICES)),
			skipReason: orNull(awkwardText),
			winner: orNull(
				fc.record({
					side: fc.constantFrom('left' as const, 'right' as const),
					endpointId: awkwardText,
					label: awkwardText,
					role: awkwardText
				})
			),
			flags: fc.tuple(fc.subarray([...SIDE_FLAGS]), fc.subarray([...SIDE_FLAGS])),
			traits: fc.array(
				fc.tuple(
					traitKey(options.slugTraits ?? false),
					fc.constantFrom(...TRAIT_CHOICES),
					orNull(awkwardText)
				),
				{ maxLength: 4 }
			),
			rationale: fc.oneof(awkwardText, fc.string({ unit: 'grapheme', maxLength: 200 })),
			decisionMs: fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e9, noNaN: true })),
			createdAt: awkwardText,
			updatedAt: awkwardText
		})
		.map((v) => {
			const record = base[v.index] as JudgmentRecord;
			const traitChoices: JudgmentRecord['traitChoices'] = Object.fromEntries(
				v.traits.map(([trait, choice, winnerEndpointId]) => [trait, { choice, winnerEndpointId }])
			);
			return {
				...record,
				app: v.app,
				id: v.id,
				raterId: v.raterId,
				overall: v.overall,
				skipReason: v.skipReason,
				winner: v.winner,
				left: { ...record.left, flags: v.flags[0] },
				right: { ...record.right, flags: v.flags[1] },
				traitChoices,
				rationale: v.rationale,
				decisionMs: v.decisionMs,
				createdAt: v.createdAt,
				updatedAt: v.updatedAt
			};
		});
}
