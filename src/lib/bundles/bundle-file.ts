// A bundle travels as gzip (the browser's own CompressionStream: no library, and 10,000 items
// shrink to a few MB). The content checksum lives in the core; this layer adds what only the file
// knows: the gzip trailer's CRC and length. Their failures are sorted into "damaged" (a byte
// changed in transit) and "truncated" (the file ends early) so the rater is told what to ask for.
// Works in browsers and in Node ≥ 20 (CompressionStream, crypto.subtle, Blob, Response are global).
import { fileSlug } from '$lib/core/file-name';
import { isBlank, sniffBytes } from '$lib/core/codecs/sniff';
import {
	BundleError,
	openBundleText,
	sealBundle,
	type BundlePayload,
	type Prf,
	type WirePayload
} from '$lib/core/bundle/bundle';

export const BUNDLE_FILE_SUFFIX = '.traitarena-bundle.gz';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export async function sha256Hex(text: string): Promise<string> {
	const digest = new Uint8Array(
		await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
	);
	return hex(digest);
}

function hex(bytes: Uint8Array): string {
	let text = '';
	for (const byte of bytes) text += HEX[byte];
	return text;
}

/** 32 random bytes from Web Crypto, as hex: a bundle's secret or (shortened) its id. */
export function randomHex(bytes = 32): string {
	return hex(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** HMAC-SHA-256 under the bundle secret: the PRF a bundle's opaque ids are derived with. */
export async function hmacPrf(secretHex: string): Promise<Prf> {
	const secret = new Uint8Array(secretHex.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? []);
	const key = await crypto.subtle.importKey(
		'raw',
		secret,
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	const encoder = new TextEncoder();
	return async (label) =>
		hex(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(label))));
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

/** Seals the payload (checksum over canonical JSON) and compresses it. */
export async function packBundle(
	payload: WirePayload,
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
	const shape = sniffBytes(bytes);
	if (shape === 'empty')
		throw new BundleError('empty', `${file} is empty: it holds no data (0 bytes).`);
	if (shape === 'binary')
		throw new BundleError('not-a-bundle', `${file} is not a Trait Arena study bundle.`);
	let text: string;
	if (shape === 'gzip') text = await gunzipText(bytes, file);
	else {
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		} catch {
			throw new BundleError('not-a-bundle', `${file} is not a Trait Arena study bundle.`);
		}
	}
	if (isBlank(text)) throw new BundleError('empty', `${file} is empty: it holds no data.`);
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
