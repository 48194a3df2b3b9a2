// Before a file is parsed, its first bytes say what kind of failure to report: nothing at all
// (empty), compressed data (gzip: it may end early), text, or binary that is no Trait Arena file.
// Parsers then say "incomplete" only about a file that began like ours and stopped, never about
// garbage, and "empty" only about a file with nothing in it.
export type FileShape = 'empty' | 'gzip' | 'text' | 'binary';

const SAMPLE = 4096;

export function sniffBytes(bytes: Uint8Array): FileShape {
	if (bytes.length === 0) return 'empty';
	if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
	const head = bytes.subarray(0, SAMPLE);
	if (head.includes(0)) return 'binary';
	try {
		// A multi-byte character cut by the sample's end is not a fault: stream mode keeps it pending.
		new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: bytes.length > SAMPLE });
	} catch {
		return 'binary';
	}
	return 'text';
}

/** Whether the text is blank (only whitespace or a byte-order mark). */
export function isBlank(text: string): boolean {
	return text.replace(/^\uFEFF/, '').trim() === '';
}

/**
 * Whether unparseable JSON text began as a file of the given format: an object whose opening
 * names the format. Such a file was cut short; anything else is not a file of this format.
 */
export function beganAs(text: string, format: string): boolean {
	const head = text
		.replace(/^\uFEFF/, '')
		.trimStart()
		.slice(0, 2_000);
	if (!head.startsWith('{')) return false;
	return new RegExp(`"format"\\s*:\\s*"${format.replace(/[/.]/g, '\\$&')}"`).test(head);
}

/** Whether JSON text fails only because it stops: the parser ran out of input, not into a fault. */
export function endsEarly(text: string): boolean {
	try {
		JSON.parse(text);
		return false;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		if (/unexpected end|unterminated|end of (?:data|input)/i.test(message)) return true;
		const position = /position (\d+)/.exec(message);
		return position !== null && Number(position[1]) >= text.trimEnd().length;
	}
}
