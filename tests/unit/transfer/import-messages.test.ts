// Each way a file can be wrong gets its own words, on every path a file comes in by: the Data
// view's import, opening a study bundle, and merging rater files. A 50 MB file of garbage is "not
// a Trait Arena file", a cut-short gzip or JSON file is "incomplete", an empty file is "empty" —
// and never one of the others.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataError, formatIssue } from '$lib/core/errors';
import { randomInt, seededRandom } from '$lib/core/random/prng';
import { fileText, importChunks } from '$lib/transfer/import';
import { runExport } from '$lib/transfer/export';
import { readBundleBytes } from '$lib/bundles/bundle-file';
import { exportStudyBundle } from '$lib/bundles/export-bundle';
import { mergeRaterFile } from '$lib/bundles/merge-rater-files.svelte';
import { testDb } from '../db/test-db';
import { syntheticWorld } from '../core/analysis/synthetic';
import { seedWorld } from '../transfer/seed';
import { seedResearcher } from '../bundles/study-fixture';

const noPause = () => Promise.resolve();

function garbage(bytes: number): Uint8Array<ArrayBuffer> {
	const random = seededRandom('garbage');
	const data = new Uint8Array(bytes);
	for (let index = 0; index < bytes; index += 4) {
		const word = randomInt(random, 2 ** 32);
		data[index] = word & 0xff;
		data[index + 1] = (word >>> 8) & 0xff;
		data[index + 2] = (word >>> 16) & 0xff;
		data[index + 3] = word >>> 24;
	}
	return data;
}

const cut = (bytes: Uint8Array) =>
	new Uint8Array(bytes.subarray(0, Math.floor(bytes.length * 0.6)));
const utf8 = (text: string) => new TextEncoder().encode(text);

async function dataImport(bytes: Uint8Array<ArrayBuffer>, name: string): Promise<string> {
	try {
		await importChunks(testDb(), fileText(new Blob([bytes]), name), name);
	} catch (error) {
		if (error instanceof DataError) return error.issues.map(formatIssue).join('\n');
		throw error;
	}
	return 'imported';
}

async function bundleOpen(bytes: Uint8Array<ArrayBuffer>, name: string): Promise<string> {
	return readBundleBytes(bytes, name).then(
		() => 'opened',
		(error: Error) => error.message
	);
}

async function raterMerge(bytes: Uint8Array<ArrayBuffer>, name: string): Promise<string> {
	const blob = new Blob([bytes]);
	const report = await mergeRaterFile(testDb(), {
		name,
		text: () => blob.text(),
		arrayBuffer: () => blob.arrayBuffer()
	});
	return report.refused ?? 'merged';
}

async function samples() {
	const world = testDb();
	await seedWorld(world, syntheticWorld({ judgments: 20, items: 5 }));
	const jsonl = utf8((await runExport(world, { kind: 'jsonl', pause: noPause })).parts.join(''));
	const researcher = testDb();
	await seedResearcher(researcher);
	const bundle = (await exportStudyBundle(researcher, 'study-1')).bytes;
	const rater = utf8(
		`${JSON.stringify(
			{
				format: 'trait-arena/rater-judgments',
				schema: 2,
				studyId: 'b-1',
				bundleId: 'b-1',
				raterId: 'r-1',
				checksum: 'sha256:0',
				judgments: Array.from({ length: 30 }, (_, i) => ({
					id: `j-${i}`,
					rationale: 'x'.repeat(40)
				}))
			},
			null,
			1
		)}\n`
	);
	return { jsonl, bundle, rater };
}

const PATHS = [
	['Data import', dataImport, 'jsonl'],
	['bundle open', bundleOpen, 'bundle'],
	['rater-file merge', raterMerge, 'rater']
] as const;

const NOT_OURS = /is not a Trait Arena/;
const INCOMPLETE = /is incomplete/;
const EMPTY = /is empty/;
const WRONG = { notOurs: NOT_OURS, incomplete: INCOMPLETE, empty: EMPTY };

function only(message: string, expected: keyof typeof WRONG) {
	expect(message).toMatch(WRONG[expected]);
	for (const [name, pattern] of Object.entries(WRONG))
		if (name !== expected) expect(message, `also says ${name}`).not.toMatch(pattern);
}

describe('import messages', () => {
	it('say "not a Trait Arena file" for 50 MB of garbage, binary or text, on every path', async () => {
		const binary = garbage(50 * 1024 * 1024);
		const text = utf8('lorem ipsum, dolor; sit amet\n'.repeat(1000));
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		const foreignJson = utf8('{"name":"package","version":"1.0.0"}\n');
		for (const [, open] of PATHS) {
			for (const [name, bytes] of [
				['noise.bin', binary],
				['notes.txt', text],
				['picture.png', png],
				['package.json', foreignJson]
			] as const)
				only(await open(bytes, name), 'notOurs');
		}
	}, 120_000);

	it('say "incomplete" for a cut-short file, gzipped or plain, on every path', async () => {
		const files = await samples();
		for (const [label, open, kind] of PATHS) {
			const plain = files[kind];
			const zipped = kind === 'bundle' ? plain : new Uint8Array(gzipSync(plain));
			only(await open(cut(zipped), `${label}.gz`), 'incomplete');
			if (kind !== 'bundle') only(await open(cut(plain), `${label}.json`), 'incomplete');
		}
	}, 60_000);

	it('say "empty" for an empty or blank file, on every path', async () => {
		for (const [, open] of PATHS) {
			only(await open(new Uint8Array(0), 'zero.jsonl'), 'empty');
			only(await open(utf8('\n  \n'), 'blank.jsonl'), 'empty');
		}
	});

	it('still import what is whole, gzipped or plain', async () => {
		const { jsonl } = await samples();
		expect(await dataImport(jsonl, 'a.jsonl')).toBe('imported');
		expect(await dataImport(new Uint8Array(gzipSync(jsonl)), 'a.jsonl.gz')).toBe('imported');
	});
});
