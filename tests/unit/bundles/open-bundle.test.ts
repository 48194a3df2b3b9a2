import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportStudyBundle } from '$lib/bundles/export-bundle';
import { BundleOpener, bundleUrl } from '$lib/bundles/open-bundle.svelte';
import { testDb } from '../db/test-db';
import { seedResearcher } from './study-fixture';

const BASE = 'https://raters.example.org/app/index.html#/bundle?url=study.bundle';

async function bundleBytes() {
	const researcher = testDb();
	await seedResearcher(researcher);
	return (await exportStudyBundle(researcher, 'study-1')).bytes;
}

function opener() {
	const rater = testDb();
	const visited: string[] = [];
	return {
		rater,
		visited,
		opener: new BundleOpener({ db: () => rater, navigate: (h) => visited.push(h) })
	};
}

afterEach(() => vi.unstubAllGlobals());

describe('opening a bundle', () => {
	it('from a file: installs, reports, and opens the Arena on the study', async () => {
		const { rater, visited, opener: o } = opener();
		const file = Object.assign(new Blob([await bundleBytes()]), { name: 'pilot.gz' });
		await o.openFile(file);
		expect(o.status).toBe('done');
		expect(o.message).toMatch(/Opened “Pilot”: 2 comparisons/);
		const [study] = await rater.studies.toArray();
		expect(study?.id).toMatch(/^b-[0-9a-f]{24}$/);
		expect(visited).toEqual([`#/arena/${study?.id}`]);
		expect(await rater.trials.count()).toBe(2);
		await o.openFile(file);
		expect(o.message).toMatch(/already open in this browser; your progress is kept/);
	});

	it('refuses a damaged file with a message, writing nothing', async () => {
		const { rater, visited, opener: o } = opener();
		const bytes = await bundleBytes();
		bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0xff;
		await o.openFile(Object.assign(new Blob([bytes]), { name: 'pilot.gz' }));
		expect(o.status).toBe('refused');
		expect(o.message).toMatch(/pilot.gz is damaged/);
		expect(visited).toEqual([]);
		expect(await rater.studies.count()).toBe(0);
	});

	it('from a drop with no file says what to do', async () => {
		const { opener: o } = opener();
		await o.openDropped([]);
		expect(o.message).toMatch(/drop a study bundle/);
	});

	it('from a link next to the app', async () => {
		const bytes = await bundleBytes();
		const fetched: string[] = [];
		vi.stubGlobal('fetch', async (url: URL) => {
			fetched.push(url.href);
			return new Response(bytes);
		});
		const { visited, opener: o } = opener();
		await o.openLink('bundles/study.bundle', BASE);
		expect(fetched).toEqual(['https://raters.example.org/app/bundles/study.bundle']);
		expect(visited).toEqual([expect.stringMatching(/^#\/arena\/b-[0-9a-f]{24}$/)]);
	});

	it('refuses links to other sites, failed downloads and offline', async () => {
		expect(() => bundleUrl('https://evil.example.com/x.gz', BASE)).toThrow(/same site/);
		const { opener: o } = opener();
		vi.stubGlobal('fetch', async () => new Response('nope', { status: 404 }));
		await o.openLink('missing.gz', BASE);
		expect(o.message).toMatch(/missing.gz: the site answered HTTP 404/);
		vi.stubGlobal('fetch', async () => {
			throw new TypeError('Failed to fetch');
		});
		await o.openLink('study.gz', BASE);
		expect(o.message).toMatch(/are you offline/);
	});
});
