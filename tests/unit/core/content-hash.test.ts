// Content hashes are stored with every prompt item and compared with those of later imports, so
// they must never change between versions: these values were computed by the first release.
// Whitespace and line-ending differences must not change a hash; any other change must.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base36, hashText, promptContentHash } from '$lib/core/content-hash';

/** The definition the stored hashes were made with, as the first release wrote it. */
function referenceHash(content: { system?: string; turns: readonly string[] }): string {
	const normalise = (text: string) =>
		text
			.replace(/\r\n?/g, '\n')
			.replace(/[ \t]{2,}|\t/g, ' ')
			.trim();
	return hashText([content.system ?? '', ...content.turns].map(normalise).join('\u241e'));
}

describe('prompt content hash', () => {
	it('gives the values stored by earlier versions', () => {
		expect(promptContentHash({ turns: ['Is it safe to stop my antibiotics early?'] })).toBe(
			'0dxyp6iji1b00tec46qc86'
		);
		expect(
			promptContentHash({
				system: 'You are a  helpful\tassistant.',
				turns: ['Line one\r\nline two', '  Are you sure?  ']
			})
		).toBe('1ap8boe2qve28lyhq3lftk');
		expect(promptContentHash({ turns: ['漢字 and émoji 😀'] })).toBe('0j9j6sg64qd128r1avb27y');
		expect([hashText(''), hashText('abc')]).toEqual([
			'26c8wzs8fs10kz98hrb9of',
			'186f8ts8naa0sssnt5s0ng'
		]);
	});

	it('ignores runs of spaces and tabs and line endings, and nothing else', () => {
		const base = promptContentHash({ system: 'Be brief.', turns: ['One two\nthree'] });
		expect(promptContentHash({ system: ' Be  brief. ', turns: ['One \t two\r\nthree'] })).toBe(
			base
		);
		expect(promptContentHash({ system: 'Be brief.', turns: ['One two\nthree', ''] })).not.toBe(
			base
		);
		expect(promptContentHash({ system: 'Be brief.', turns: ['One two three'] })).not.toBe(base);
		expect(promptContentHash({ turns: ['Be brief.', 'One two\nthree'] })).not.toBe(base);
	});

	it('equals the reference definition for any text, whitespace and line endings', () => {
		// Text made mostly of the characters normalising touches, next to each other and at the ends.
		const tricky = fc.string({
			unit: fc.constantFrom(' ', '\t', '\r', '\n', '\u00a0', '\u3000', '\ufeff', 'a', 'é', '😀'),
			maxLength: 40
		});
		const text = fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 60 }));
		fc.assert(
			fc.property(
				fc.option(text, { nil: undefined }),
				fc.array(text, { minLength: 1, maxLength: 4 }),
				(system, turns) => {
					expect(promptContentHash({ system, turns })).toBe(referenceHash({ system, turns }));
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('writes whole numbers below 2^53 in base 36 as Number#toString does, padded to 11 digits', () => {
		fc.assert(
			fc.property(fc.maxSafeNat(), (value) => {
				expect(base36(value)).toBe(value.toString(36).padStart(11, '0'));
			}),
			{ numRuns: 5000, examples: [[0], [35], [36], [Number.MAX_SAFE_INTEGER]] }
		);
	});
});
