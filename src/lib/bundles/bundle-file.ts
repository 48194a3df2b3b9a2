// A bundle travels as gzip (the browser's own CompressionStream: no library, and 10,000 items
// shrink to a few MB). The content checksum lives in the core; this layer adds what only the file
// knows: the gzip trailer's CRC and length. Their failures are sorted into "damaged" (a byte
// changed in transit) and "truncated" (the file ends early) so the rater is told what to ask for.
// Works in browsers and in Node ≥ 20 (CompressionStream, crypto.subtle, Blob, Response are global).
import { fileSlug } from '$lib/core/file-name';
import {
	BundleError,
	openBundleText,
	sealBundle,
	type BundlePayload
} from '$lib/core/bundle/bundle';

export const BUNDLE_FILE_SUFFIX = '.traitarena-bundle.gz';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export async function sha256Hex(text: string): Promise<string> {
	const digest = new Uint8Array(
		await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
	);
	let hex = '';
	for (const byte of digest) hex += HEX[byte];
	return hex;
}

export async function gzipText(text: string): Promise<Uint8Array<ArrayBuffer>> {
	const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Chromium says "Compressed input was truncated", Node/zlib "unexpected end of file"; Firefox and
// Safari word it alike. Everything else (bad header, CRC or length check, junk) is damage.
const TRUNCATED = /truncat|unexpected end|end of (?:file|stream|input|data)|incomplete/i;

function gzipError(error: unknown, file: string): BundleError {
	const message = error instanceof Error ? error.message : String(error);
	if (TRUNCATED.test(message)) {
		return new BundleError(
			'truncated',
			`${file} is incomplete: the file ends early (an interrupted download or copy). Download or copy it again.`
		);
	}
	return new BundleError(
		'damaged',
		`${file} is damaged: its compressed data fails the integrity check, so at least one byte changed after export. Ask the researcher for a fresh copy.`
	);
}

export async function gunzipText(bytes: Uint8Array<ArrayBuffer>, file: string): Promise<string> {
	const stream = new DecompressionStream('gzip');
	const writer = stream.writable.getWriter();
	// Read while writing: the readable side must drain or a large write never completes.
	const output = new Response(stream.readable).arrayBuffer();
	output.catch(() => undefined);
	try {
		await writer.write(bytes);
		await writer.close();
		const buffer = await output;
		return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
	} catch (error) {
		throw gzipError(error, file);
	}
}

function isGzip(bytes: Uint8Array): boolean {
	return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Seals the payload (checksum over canonical JSON) and compresses it. */
export async function packBundle(
	payload: BundlePayload,
	meta: { app: string; exportedAt: string }
): Promise<Uint8Array<ArrayBuffer>> {
	return gzipText(await sealBundle(payload, meta, sha256Hex));
}

/**
 * Opens a bundle file: gunzip (CRC, length), then the core checks format, schema version,
 * checksum and every record. A bundle someone unzipped (plain JSON) opens too.
 */
export async function readBundleBytes(
	bytes: Uint8Array<ArrayBuffer>,
	file: string
): Promise<BundlePayload> {
	if (bytes.length === 0) throw new BundleError('not-a-bundle', `${file} is empty.`);
	let text: string;
	if (isGzip(bytes)) text = await gunzipText(bytes, file);
	else {
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		} catch {
			throw new BundleError('not-a-bundle', `${file} is not a Trait Arena study bundle.`);
		}
		if (!text.trimStart().startsWith('{'))
			throw new BundleError('not-a-bundle', `${file} is not a Trait Arena study bundle.`);
	}
	return openBundleText(text, sha256Hex, file);
}

export function bundleFileName(studyName: string): string {
	return `${fileSlug(studyName)}${BUNDLE_FILE_SUFFIX}`;
}

/** Resolves a link relative to the app and refuses anything off its own origin. */
export function bundleUrl(link: string, base: string): URL {
	let url: URL;
	try {
		url = new URL(link, base);
	} catch {
		throw new BundleError('not-a-bundle', `“${link}” is not a link to a bundle.`);
	}
	if (url.origin !== new URL(base).origin)
		throw new BundleError(
			'not-a-bundle',
			'Bundle links must point to a file on the same site as this app. Download the bundle and open it as a file instead.'
		);
	return url;
}
