// Incident: after a new build was deployed, a tab left open failed to open a view it had not
// opened yet ("Failed to fetch dynamically imported module") and nobody said a new version was
// out. Here a static host serves build A, a tab opens it, the host's files are replaced by build B
// (A's hashed files are gone), a second tab brings B's service worker in — and the first tab still
// opens a view it never loaded, is told a new version is ready, and reloads into build B.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { expect, test } from './fixtures';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml'
};

/** A plain static host: whatever is in `site` now, no caching headers that could hide a deploy. */
function host(site: string): Promise<{ server: Server; url: string }> {
	const server = createServer((request, response) => {
		const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
		const file = join(site, path.endsWith('/') ? `${path}index.html` : path);
		if (!file.startsWith(site) || !existsSync(file) || !statSync(file).isFile()) {
			response.writeHead(404).end('not found');
			return;
		}
		response.writeHead(200, {
			'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
			'Cache-Control': 'no-cache'
		});
		response.end(readFileSync(file));
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			resolve({ server, url: `http://127.0.0.1:${port}/` });
		})
	);
}

function deploy(build: string, site: string) {
	rmSync(site, { recursive: true, force: true });
	cpSync(build, site, { recursive: true });
}

test('a tab open across a deploy still opens every view, and is offered the new version', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const work = mkdtempSync(join(tmpdir(), 'trait-arena-update-'));
	const buildA = process.env.DIST_DIR ?? 'dist';
	const buildB = join(work, 'b');
	const built = spawnSync(
		'npx',
		['vite', 'build', '--outDir', buildB, '--emptyOutDir', '--logLevel', 'error'],
		{ env: { ...process.env, TRAIT_ARENA_BUILD: 'build-b' }, encoding: 'utf8' }
	);
	expect(built.status, built.stderr).toBe(0);
	const site = join(work, 'site');
	deploy(buildA, site);
	const { server, url } = await host(site);
	const context = await browser.newContext();
	try {
		const old = await context.newPage();
		await old.goto(`${url}#/endpoints`);
		await expect(old.getByRole('heading', { name: 'Endpoints', level: 1 })).toBeVisible();
		await expect
			.poll(() => old.evaluate(() => navigator.serviceWorker.controller !== null))
			.toBe(true);
		const buildOfA = await old.evaluate(() => document.documentElement.dataset.build);
		expect(buildOfA).not.toBe('build-b');

		// The host now holds build B only; another tab brings B's service worker in.
		deploy(buildB, site);
		const fresh = await context.newPage();
		await fresh.goto(`${url}#/endpoints`);
		await fresh.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		const notice = old
			.getByRole('status')
			.filter({ hasText: 'A new version of Trait Arena is ready' });
		await expect(notice).toBeVisible({ timeout: 30_000 });

		// The old tab opens views it never loaded: their files come from the old build's cache.
		for (const [link, heading] of [
			['Prompts', 'Prompts'],
			['Results', 'Results'],
			['Data', 'Data']
		] as const) {
			await old.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
			await expect(old.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
			await expect(old.getByText('This area failed to load')).toHaveCount(0);
		}

		await notice.getByRole('button', { name: 'Reload' }).click();
		await expect
			.poll(() => old.evaluate(() => document.documentElement.dataset.build))
			.toBe('build-b');
		await expect(old.getByRole('heading', { name: 'Data', level: 1 })).toBeVisible();
		await expect(notice).toHaveCount(0);
	} finally {
		await context.close();
		server.close();
		rmSync(work, { recursive: true, force: true });
	}
});
