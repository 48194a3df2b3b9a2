import { describe, expect, it } from 'vitest';
import { BundleInstallError, installBundle } from '$lib/db/repos/bundles';
import { exportStudyBundle, findLeaks } from '$lib/bundles/export-bundle';
import { gunzipText, readBundleBytes } from '$lib/bundles/bundle-file';
import { testDb } from '../db/test-db';
import { makeEndpoint } from '../factories';
import { SECRETS, seedResearcher } from './study-fixture';
import { countItems } from '$lib/db/repos/item-pages';

const NOW = () => new Date('2026-11-24T09:00:00.000Z');

async function exported() {
	const researcher = testDb();
	await seedResearcher(researcher);
	const file = await exportStudyBundle(researcher, 'study-1', { now: NOW });
	return { researcher, file };
}

async function dump(db: ReturnType<typeof testDb>) {
	const tables = await Promise.all(db.tables.map((table) => table.toArray()));
	return JSON.stringify(tables);
}

describe('exporting a study bundle', () => {
	it('holds finished trials only, and no key, model name, label, base URL or endpoint id', async () => {
		const { file } = await exported();
		expect(file).toMatchObject({ trials: 2, skippedTrials: 1, items: 2, responses: 4, leaks: [] });
		expect(file.fileName).toBe('pilot.traitarena-bundle.gz');
		const text = await gunzipText(file.bytes, 'b');
		for (const secret of [...SECRETS, 'sk-live', 'You are mock-trained']) {
			expect(text).not.toContain(secret);
		}
	});

	it('stores the bundle key on the study once and reuses it for every later export', async () => {
		const { researcher, file } = await exported();
		const study = await researcher.studies.get('study-1');
		expect(study?.bundleKey?.bundleId).toMatch(/^b-[0-9a-f]{24}$/);
		const again = await exportStudyBundle(researcher, 'study-1', { now: NOW });
		expect((await researcher.studies.get('study-1'))?.bundleKey).toEqual(study?.bundleKey);
		expect(again.bytes).toEqual(file.bytes);
		const other = testDb();
		await seedResearcher(other);
		const elsewhere = await exportStudyBundle(other, 'study-1', { now: NOW });
		const [a, b] = await Promise.all(
			[file, elsewhere].map((f) => readBundleBytes(f.bytes, f.fileName))
		);
		expect(a?.study.id).not.toBe(b?.study.id);
		const ids = (p: typeof a) => p?.trials.map((trial) => trial.id);
		expect(ids(a)).not.toEqual(ids(b));
	});

	it('warns when the study itself names a model', async () => {
		const researcher = testDb();
		await seedResearcher(researcher);
		await researcher.studies.update('study-1', { name: 'mock-trained vs Baseline 7B' });
		const file = await exportStudyBundle(researcher, 'study-1');
		expect(file.leaks).toEqual(['endpoint label “Baseline 7B”', 'model name “mock-trained”']);
	});

	it('finds labels, models and hosts case-insensitively', () => {
		const endpoint = makeEndpoint({ baseURL: 'https://api.example.com/v1', model: 'gpt-4o' });
		expect(findLeaks('I am GPT-4o, served from API.EXAMPLE.COM', [endpoint])).toEqual([
			'model name “gpt-4o”',
			'host “api.example.com”'
		]);
	});

	it('refuses a study with no finished trial, and a study that came from a bundle', async () => {
		const researcher = testDb();
		await seedResearcher(researcher);
		await researcher.responses
			.filter((response) => response.endpointId === 'ep-trained')
			.modify({ status: 'error' });
		await expect(exportStudyBundle(researcher, 'study-1')).rejects.toThrow(/generate responses/);
		await researcher.studies.update('study-1', { kind: 'bundle' });
		await expect(exportStudyBundle(researcher, 'study-1')).rejects.toThrow(/opened from a bundle/);
	});
});

describe('opening a bundle on a rater machine', () => {
	it('writes study, items, responses and plan, with nothing identifying a model', async () => {
		const { file } = await exported();
		const rater = testDb();
		const payload = await readBundleBytes(file.bytes, file.fileName);
		expect(await installBundle(rater, payload)).toBe('installed');
		expect(await rater.trials.count()).toBe(2);
		expect(await rater.responses.count()).toBe(4);
		expect(await countItems(rater)).toBe(2);
		const study = await rater.studies.get(payload.study.id);
		expect(study?.kind).toBe('bundle');
		expect(await rater.studies.get('study-1')).toBeUndefined();
		const stored = await dump(rater);
		for (const secret of SECRETS) expect(stored).not.toContain(secret);
	});

	it('is idempotent: reopening the same bundle adds nothing', async () => {
		const { file } = await exported();
		const rater = testDb();
		const payload = await readBundleBytes(file.bytes, file.fileName);
		await installBundle(rater, payload);
		const before = await dump(rater);
		expect(await installBundle(rater, await readBundleBytes(file.bytes, 'again'))).toBe(
			'already-open'
		);
		expect(await dump(rater)).toBe(before);
	});

	it('refuses a different bundle of the same study and leaves the first intact', async () => {
		const { researcher, file } = await exported();
		const rater = testDb();
		await installBundle(rater, await readBundleBytes(file.bytes, 'b'));
		const before = await dump(rater);
		await researcher.responses.update('study-1:item-3:ep-trained', { status: 'done' });
		const newer = await exportStudyBundle(researcher, 'study-1', { now: NOW });
		await expect(installBundle(rater, await readBundleBytes(newer.bytes, 'b2'))).rejects.toThrow(
			/different version of study “Pilot”/
		);
		expect(await dump(rater)).toBe(before);
	});

	it('refuses to overwrite the researcher’s own original study', async () => {
		const { researcher, file } = await exported();
		const error = await installBundle(researcher, await readBundleBytes(file.bytes, 'b')).catch(
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(BundleInstallError);
		expect((error as Error).message).toMatch(/holds the original/);
	});
});

describe('reopening after judging has started', () => {
	it('still counts as the same bundle when the session added derived data', async () => {
		const { file } = await exported();
		const rater = testDb();
		const payload = await readBundleBytes(file.bytes, 'b');
		await installBundle(rater, payload);
		// What the judging session writes on open: recomputed leak flags, degraded copies.
		await rater.trials.update(payload.trials[0]?.id ?? '', { leakFlagged: true });
		const source = payload.responses[0];
		if (source) await rater.responses.add({ ...source, id: `${source.id}:degraded` });
		expect(await installBundle(rater, payload)).toBe('already-open');
	});
});

describe('attention checks', () => {
	it('travel as ordinary trials, their degraded answer made at export if missing', async () => {
		const researcher = testDb();
		await seedResearcher(researcher);
		const source = await researcher.responses.get('study-1:item-1:ep-trained');
		const main = await researcher.trials.get('trial-1');
		if (!source || !main) throw new Error('fixture');
		await researcher.trials.add({
			...main,
			id: 'trial-attention',
			kind: 'attention',
			gold: 'right',
			leftResponseId: `${source.id}:degraded`,
			position: 9
		});
		const file = await exportStudyBundle(researcher, 'study-1');
		const text = await gunzipText(file.bytes, 'b');
		expect(text).not.toMatch(/degraded|attention|gold|trial-attention/);
		const payload = await readBundleBytes(file.bytes, 'b');
		expect(payload.trials).toHaveLength(3);
		const ids = payload.responses.map((response) => response.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(new Set(payload.trials.map((trial) => trial.kind))).toEqual(new Set(['main']));
		const originals = new Set(
			(await researcher.responses.toArray()).map((response) => response.transcript.at(-1)?.content)
		);
		const degraded = payload.responses.filter(
			(response) => !originals.has(response.transcript.at(-1)?.content)
		);
		expect(degraded).toHaveLength(1);
		expect(await installBundle(testDb(), payload)).toBe('installed');
	});
});
