// Content hashes are stored with every prompt item and compared with those of later imports, so
// they must never change between versions: these values were computed by the first release.
// Whitespace and line-ending differences must not change a hash; any other change must.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashText, promptContentHash } from '$lib/core/content-hash';

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

	it('is the same for any text however its spaces, tabs and line endings are written', () => {
		const word = fc.string({ unit: fc.constantFrom('a', 'é', '😀', '\u00a0', '.'), minLength: 1 });
		const gap = fc.constantFrom(' ', '\n');
		const text = fc.array(fc.tuple(word, gap), { maxLength: 8 });
		const plain = (pieces: [string, string][]) => pieces.map(([w, g]) => w + g).join('');
		const messy = (pieces: [string, string][]) =>
			` \t${pieces.map(([w, g]) => w + (g === ' ' ? ' \t  ' : '\r\n')).join('')}\t `;
		fc.assert(
			fc.property(text, text, (system, turn) => {
				expect(promptContentHash({ system: messy(system), turns: [messy(turn)] })).toBe(
					promptContentHash({ system: plain(system), turns: [plain(turn)] })
				);
			}),
			{ numRuns: 500 }
		);
	});

	it('is 22 base-36 digits for any text', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				expect(hashText(text)).toMatch(/^[0-9a-z]{22}$/);
			})
		);
	});
});
