import { describe, expect, it } from 'vitest';
import {
	BUNDLE_SCHEMA,
	BundleError,
	buildBundlePayload,
	bundleRecords,
	sealBundle
} from '$lib/core/bundle/bundle';
import { canonicalJson } from '$lib/core/canonical-json';
import { fileSlug } from '$lib/core/file-name';
import {
	bundleFileName,
	gzipText,
	hmacPrf,
	packBundle,
	readBundleBytes,
	sha256Hex
} from '$lib/bundles/bundle-file';
import { makeItem, makeResponse, makeStudy, makeTrial } from '../factories';

const META = { app: '0.1.0', exportedAt: '2026-11-23T10:00:00.000Z' };
const KEY = {
	bundleId: 'b-0123456789abcdef01234567',
	secret: 'cd'.repeat(32),
	createdAt: META.exportedAt
};

async function payload() {
	const built = await buildBundlePayload(
		{
			study: makeStudy(),
			items: [makeItem()],
			responses: [
				makeResponse(),
				makeResponse({ id: 'study-1:item-1:ep-trained', endpointId: 'ep-trained' })
			],
			trials: [makeTrial()]
		},
		KEY,
		await hmacPrf(KEY.secret)
	);
	return built.payload;
}

async function kindOf(promise: Promise<unknown>) {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(BundleError);
	return error as BundleError;
}

describe('bundle file', () => {
	it('hashes like sha256sum', async () => {
		expect(await sha256Hex('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});

	it('opens what it packed, compressed', async () => {
		const bytes = await packBundle(await payload(), META);
		expect(bytes[0]).toBe(0x1f);
		expect(await readBundleBytes(bytes, 'study.gz')).toEqual(bundleRecords(await payload()));
	});

	it('opens a bundle someone unzipped', async () => {
		const text = await sealBundle(await payload(), META, sha256Hex);
		expect(await readBundleBytes(new TextEncoder().encode(text), 'study.json')).toEqual(
			bundleRecords(await payload())
		);
	});

	it('refuses a file with one byte changed as damaged, naming the file', async () => {
		const bytes = await packBundle(await payload(), META);
		bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0x20;
		const error = await kindOf(readBundleBytes(bytes, 'pilot.traitarena-bundle.gz'));
		expect(error.kind).toBe('damaged');
		expect(error.message).toMatch(/pilot.traitarena-bundle.gz is damaged/);
	});

	it('refuses every single-byte change, except gzip header metadata that leaves content intact', async () => {
		const bytes = await packBundle(await payload(), META);
		const accepted: number[] = [];
		for (let index = 0; index < bytes.length; index++) {
			const copy = bytes.slice();
			copy[index] = (copy[index] ?? 0) ^ 0x01;
			const opened = await readBundleBytes(copy, 'b').then(
				(value) => value,
				(error: unknown) => {
					expect(error).toBeInstanceOf(BundleError);
					return undefined;
				}
			);
			if (opened) {
				expect(canonicalJson(opened)).toBe(canonicalJson(bundleRecords(await payload())));
				accepted.push(index);
			}
		}
		// FTEXT flag, MTIME, extra flags, OS: the gzip format does not cover them with its CRC.
		expect(accepted.every((index) => index >= 3 && index <= 9)).toBe(true);
	});

	it('refuses a truncated file as incomplete, at any length', async () => {
		const bytes = await packBundle(await payload(), META);
		for (const length of [12, Math.floor(bytes.length / 2), bytes.length - 1]) {
			const error = await kindOf(readBundleBytes(bytes.slice(0, length), 'b.gz'));
			expect(error.kind).toBe('truncated');
			expect(error.message).toMatch(/incomplete/);
		}
	});

	it('refuses an edited bundle (recompressed after a change) by its checksum', async () => {
		const text = await sealBundle(await payload(), META, sha256Hex);
		const edited = await gzipText(text.replace('ask your pharmacist', 'ask nobody'));
		const error = await kindOf(readBundleBytes(edited, 'b.gz'));
		expect(error.kind).toBe('edited');
		expect(error.message).toMatch(/checksum/);
	});

	it('refuses a bundle of a newer schema, saying to update the app', async () => {
		const text = await sealBundle(await payload(), META, sha256Hex);
		const newer = text.replace(`"schema":${BUNDLE_SCHEMA}`, `"schema":${BUNDLE_SCHEMA + 1}`);
		const error = await kindOf(readBundleBytes(await gzipText(newer), 'b.gz'));
		expect(error.kind).toBe('newer-schema');
		expect(error.message).toMatch(/newer Trait Arena.*Update the app/);
	});

	it('refuses empty files and files that are not bundles', async () => {
		expect((await kindOf(readBundleBytes(new Uint8Array(0), 'e'))).kind).toBe('empty');
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]);
		expect((await kindOf(readBundleBytes(png, 'p.png'))).kind).toBe('not-a-bundle');
		const other = await gzipText('{"format":"something-else","schema":1}');
		expect((await kindOf(readBundleBytes(other, 'o.gz'))).kind).toBe('not-a-bundle');
	});

	it('names files after the study, safely', () => {
		expect(bundleFileName('Pilot: Ünïcode / study #2')).toBe(
			'pilot-unicode-study-2.traitarena-bundle.gz'
		);
		expect(fileSlug('???')).toBe('study');
	});
});
