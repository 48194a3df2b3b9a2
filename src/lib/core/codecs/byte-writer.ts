// Exports are written as UTF-8 bytes into one reused buffer, not as strings. In Chromium a Blob
// made from strings costs ~10 ms per MB (Blink re-encodes and copies each string), one made from
// bytes ~1 ms per MB; and a 100,000-judgment export is 300+ MB. Texts shared by many lines (a
// response read by every rater) are encoded once and copied as bytes from then on.
const encoder = new TextEncoder();
// Below this length a plain loop beats the call into the encoder (most values are short ASCII).
const SHORT = 4096;
const QUOTE = 0x22;

/** A `plainAscii` table marking the characters given (and, if asked, every control character). */
export function asciiStops(characters: string, controls = false): Uint8Array {
	const stops = new Uint8Array(128);
	if (controls) stops.fill(1, 0, 0x20);
	for (let index = 0; index < characters.length; index++) stops[characters.charCodeAt(index)] = 1;
	return stops;
}

// JSON.stringify escapes control characters, quotes and backslashes; any other ASCII is itself.
const JSON_STOPS = asciiStops('"\\', true);

export class ByteWriter {
	#buffer: Uint8Array;
	#length = 0;

	constructor(capacity = 1 << 20) {
		this.#buffer = new Uint8Array(capacity);
	}

	get length(): number {
		return this.#length;
	}

	/** Appends a string as UTF-8 (well-formed: lone surrogates become U+FFFD, as in a Blob). */
	text(value: string): void {
		const length = value.length;
		// UTF-8 takes at most 3 bytes per UTF-16 code unit.
		this.#reserve(length * 3);
		const buffer = this.#buffer;
		let at = this.#length;
		if (length <= SHORT) {
			let index = 0;
			for (; index < length; index++) {
				const code = value.charCodeAt(index);
				if (code >= 0x80) break;
				buffer[at++] = code;
			}
			if (index === length) {
				this.#length = at;
				return;
			}
			this.#length = at;
			value = value.slice(index);
		}
		this.#length += encoder.encodeInto(value, buffer.subarray(this.#length)).written;
	}

	/**
	 * Appends `value` if it is ASCII without any character marked in `stops` (a 128-entry table,
	 * 1 = stop), and says whether it did; otherwise nothing is written. Codecs use it to copy the
	 * plain ids, labels and timestamps that most values are without building escaped strings.
	 */
	plainAscii(value: string, stops: Uint8Array): boolean {
		const length = value.length;
		this.#reserve(length);
		const buffer = this.#buffer;
		let at = this.#length;
		for (let index = 0; index < length; index++) {
			const code = value.charCodeAt(index);
			if (code >= 0x80 || stops[code] === 1) return false;
			buffer[at++] = code;
		}
		this.#length = at;
		return true;
	}

	/** Appends `JSON.stringify(value)` for a string, without building it when it is plain. */
	jsonString(value: string): void {
		this.byte(QUOTE);
		if (this.plainAscii(value, JSON_STOPS)) this.byte(QUOTE);
		else {
			this.#length--;
			this.text(JSON.stringify(value));
		}
	}

	/** Appends a number as `String(value)` writes it: whole numbers digit by digit. */
	number(value: number): void {
		if (!Number.isSafeInteger(value) || value < 0) return this.text(String(value));
		let digits = 1;
		for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
		this.#reserve(digits);
		const buffer = this.#buffer;
		let at = this.#length + digits;
		this.#length = at;
		let rest = value;
		do {
			buffer[--at] = 0x30 + (rest % 10);
			rest = Math.floor(rest / 10);
		} while (rest > 0);
	}

	/** Appends one byte (an ASCII character code). */
	byte(value: number): void {
		this.#reserve(1);
		this.#buffer[this.#length++] = value;
	}

	bytes(value: Uint8Array): void {
		this.#reserve(value.length);
		this.#buffer.set(value, this.#length);
		this.#length += value.length;
	}

	/** What was written since the last reset: a view of the buffer, valid until the next write. */
	view(): Uint8Array {
		return this.#buffer.subarray(0, this.#length);
	}

	reset(): void {
		this.#length = 0;
	}

	#reserve(extra: number): void {
		const needed = this.#length + extra;
		if (needed > this.#buffer.length) this.#grow(needed);
	}

	#grow(needed: number): void {
		const grown = new Uint8Array(Math.max(needed, this.#buffer.length * 2));
		grown.set(this.#buffer.subarray(0, this.#length));
		this.#buffer = grown;
	}
}

export function utf8(text: string): Uint8Array {
	return encoder.encode(text);
}

const decoder = new TextDecoder();

export function fromUtf8(bytes: Uint8Array): string {
	return decoder.decode(bytes);
}
