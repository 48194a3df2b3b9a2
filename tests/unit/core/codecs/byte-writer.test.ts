import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asciiStops, ByteWriter, fromUtf8, utf8 } from '$lib/core/codecs/byte-writer';

const encoder = new TextEncoder();

describe('ByteWriter', () => {
	it('writes any sequence of texts and byte runs as the UTF-8 of their concatenation', () => {
		const piece = fc.oneof(
			fc.string({ unit: 'grapheme', maxLength: 80 }).map((text) => ({ text })),
			fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ text })),
			fc.string({ unit: 'grapheme-ascii', maxLength: 5000 }).map((text) => ({ text })),
			fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) => ({ bytes: utf8(text), text }))
		);
		fc.assert(
			fc.property(
				fc.array(piece, { maxLength: 30 }),
				fc.integer({ min: 1, max: 64 }),
				(pieces, size) => {
					// A tiny first buffer makes every run cross a growth.
					const writer = new ByteWriter(size);
					for (const part of pieces) {
						if ('bytes' in part) writer.bytes(part.bytes);
						else writer.text(part.text);
					}
					const expected = pieces.map((part) => encoder.encode(part.text));
					const joined = new Uint8Array(expected.reduce((sum, bytes) => sum + bytes.length, 0));
					let at = 0;
					for (const bytes of expected) {
						joined.set(bytes, at);
						at += bytes.length;
					}
					expect(writer.view()).toEqual(joined);
					expect(writer.length).toBe(joined.length);
				}
			)
		);
	});

	it('encodes ASCII, accents, CJK, emoji and lone surrogates as TextEncoder and a Blob do', () => {
		const writer = new ByteWriter(4);
		const text = 'plain "quoted" — é 漢字 🙂 \ud800 end';
		writer.text(text);
		expect(writer.view()).toEqual(encoder.encode(text));
		expect(fromUtf8(writer.view())).toBe(text.replace('\ud800', '\ufffd'));
	});

	it('starts over after a reset, keeping what the next chunk needs only', () => {
		const writer = new ByteWriter(8);
		writer.text('first chunk, long enough to grow the buffer');
		writer.reset();
		expect(writer.length).toBe(0);
		writer.text('second');
		expect(fromUtf8(writer.view())).toBe('second');
	});
});

describe('ByteWriter shortcuts for codecs', () => {
	const anyText = fc.oneof(
		fc.string({ unit: 'binary', maxLength: 60 }),
		fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
		fc.string({
			unit: fc.constantFrom(
				'a',
				'"',
				'\\',
				'\n',
				'\u0000',
				'\u001f',
				'\u007f',
				'é',
				'\ud800',
				'😀'
			),
			maxLength: 20
		})
	);

	it('writes any string as JSON.stringify gives it', () => {
		fc.assert(
			fc.property(fc.array(anyText, { maxLength: 8 }), (values) => {
				const writer = new ByteWriter(2);
				for (const value of values) writer.jsonString(value);
				const expected = values.map((value) => JSON.stringify(value)).join('');
				expect(writer.view()).toEqual(encoder.encode(expected));
			}),
			{ numRuns: 300 }
		);
	});

	it('copies plain ASCII only, and writes nothing when a value is not plain', () => {
		const stops = asciiStops(',"', true);
		fc.assert(
			fc.property(anyText, anyText, (before, value) => {
				const writer = new ByteWriter(1);
				writer.text(before);
				const plain = [...value].every((character) => {
					const code = character.charCodeAt(0);
					return character.length === 1 && code >= 0x20 && code < 0x80 && !',"'.includes(character);
				});
				expect(writer.plainAscii(value, stops)).toBe(plain);
				expect(writer.view()).toEqual(encoder.encode(before + (plain ? value : '')));
			}),
			{ numRuns: 300 }
		);
	});

	it('writes numbers as String does, whole ones digit by digit', () => {
		const number = fc.oneof(
			fc.nat(),
			fc.integer({ min: -1e6, max: 1e6 }),
			fc.maxSafeNat(),
			fc.double(),
			fc.constantFrom(0, -0, 9, 10, 99, 100, 2 ** 53, 1e21, 0.1)
		);
		fc.assert(
			fc.property(fc.array(number, { maxLength: 6 }), (values) => {
				const writer = new ByteWriter(1);
				for (const value of values) {
					writer.number(value);
					writer.byte(0x2c);
				}
				expect(fromUtf8(writer.view())).toBe(values.map((value) => `${String(value)},`).join(''));
			}),
			{ numRuns: 300 }
		);
	});
});
