// Content hashes are stored with every prompt item and compared with those of later imports, so
// they must never change between versions: these values were computed by the first release.
// Whitespace and line-ending differences must not change a hash; any other change must.
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
});
