// Rendering two live streams of Markdown in the real app: the built app (dist/) in Chromium drives
// the presenter's live arena against two mock-server endpoints on `mock-long` at full speed (no
// delay), 8,000 and then 16,000 tokens per side, through the real Markdown component. A Chrome
// trace of each round gives every main-thread task of the page: their sum is the main-thread
// cost (ingest, state, Markdown, DOM, storage: all of it), the largest is the round's longest
// task (both in the main thread's CPU time), and cost(16k) / cost(8k) shows whether rendering
// stays linear (re-parsing the whole answer per chunk would make it quadratic). Each figure is
// the median of REPEATS rounds. The mock server runs in a child process; the page is served by
// a tiny static server in this process.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumExecutablePath } from '../scripts/chromium-path.ts';
import { serveDist } from './static-server.ts';

const DIST = process.env.DIST_DIR ?? 'dist';
const REPEATS = 3;
const SIZES = [8000, 16000] as const;
const KEY = 'sk-bench-render-0123456789';

function startMock(): Promise<{ child: ChildProcess; baseURL: string }> {
	return new Promise((resolve, reject) => {
		// Its own process group, so stopping it also stops the node process npx starts.
		const child = spawn('npx', ['tsx', 'tools/mock-openai/main.ts'], {
			env: { ...process.env, PORT: '0' },
			stdio: ['ignore', 'pipe', 'inherit'],
			detached: true
		});
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`mock server exited with ${code}`)));
		const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
		lines.on('line', (line) => {
			const match = /listening on (\S+)/.exec(line);
			if (match?.[1]) resolve({ child, baseURL: match[1] });
		});
	});
}

const endpointLabel = (side: 'A' | 'B', tokens: number) => `Bench ${side} ${tokens / 1000}k`;

/** Stores the bench endpoints (and their remembered keys) straight into the app's database. */
async function seedEndpoints(page: Page, baseURL: string): Promise<void> {
	const at = new Date().toISOString();
	const endpoints = SIZES.flatMap((tokens) =>
		(['A', 'B'] as const).map((side) => ({
			id: `bench-${side}-${tokens}`,
			label: endpointLabel(side, tokens),
			role: side === 'A' ? 'baseline' : 'trained',
			preset: 'custom',
			baseURL,
			model: 'mock-long',
			params: { max_tokens: tokens },
			headers: {},
			createdAt: at,
			updatedAt: at
		}))
	);
	await page.evaluate(
		async ({ endpoints, key, at }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open('trait-arena');
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			await new Promise<void>((resolve, reject) => {
				const tx = db.transaction(['endpoints', 'keys'], 'readwrite');
				for (const endpoint of endpoints) {
					tx.objectStore('endpoints').put(endpoint);
					tx.objectStore('keys').put({ endpointId: endpoint.id, key, savedAt: at });
				}
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		{ endpoints, key: KEY, at }
	);
}

interface TraceEvent {
	name: string;
	ph: string;
	pid: number;
	tid: number;
	ts: number;
	dur?: number;
	/** The thread's own CPU time inside the event (wall time minus time it was not running). */
	tdur?: number;
	args?: { name?: string; data?: unknown };
}

interface Task {
	ms: number;
	/** CPU time of the main thread in the task. */
	cpuMs: number;
	/** The largest kinds of work inside the task (for RENDER_BENCH_DEBUG). */
	inside: string;
}

/** Main-thread tasks of the page's renderer, from a Chrome trace. */
function mainThreadTasks(trace: Buffer): Task[] {
	const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
	const mains = new Set(
		events
			.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
			.map((e) => `${e.pid}:${e.tid}`)
	);
	const byThread = new Map<string, TraceEvent[]>();
	for (const event of events) {
		const thread = `${event.pid}:${event.tid}`;
		if (event.ph !== 'X' || !mains.has(thread)) continue;
		byThread.set(thread, [...(byThread.get(thread) ?? []), event]);
	}
	const total = (list: TraceEvent[]) =>
		list.filter((e) => e.name === 'RunTask').reduce((sum, e) => sum + (e.dur ?? 0), 0);
	const main = [...byThread.values()].sort((a, b) => total(b) - total(a))[0] ?? [];
	const debug = process.env.RENDER_BENCH_DEBUG === '1';
	return main
		.filter((e) => e.name === 'RunTask')
		.map((task) => {
			const ms = (task.dur ?? 0) / 1000;
			const cpuMs = (task.tdur ?? task.dur ?? 0) / 1000;
			if (!debug || ms < 30) return { ms, cpuMs, inside: '' };
			const end = task.ts + (task.dur ?? 0);
			const kinds = new Map<string, number>();
			for (const e of main) {
				if (e === task || e.ts < task.ts || e.ts >= end || e.name.startsWith('V8.')) continue;
				const url = String((e.args as { data?: { url?: string } } | undefined)?.data?.url ?? '');
				const key = `${e.name}${url ? ` ${url.split('/').pop()}` : ''}`;
				kinds.set(key, (kinds.get(key) ?? 0) + (e.dur ?? 0) / 1000);
			}
			for (const e of main) {
				if (e.name === 'Layout' && e.ts >= task.ts && e.ts < end && (e.dur ?? 0) > 5000) {
					console.error(
						'   layout',
						((e.dur ?? 0) / 1000).toFixed(1),
						JSON.stringify(e.args).slice(0, 300)
					);
				}
			}
			const inside = [...kinds]
				.sort((a, b) => b[1] - a[1])
				.slice(0, 5)
				.map(([key, value]) => `${key} ${value.toFixed(1)}`)
				.join(', ');
			return { ms, cpuMs, inside };
		});
}

/** Leaves and reopens the live arena, so the previous round's DOM and garbage are not billed. */
async function freshArena(page: Page): Promise<void> {
	await page.goto(page.url().replace(/#.*$/, '#/studies'));
	await page.getByRole('heading', { level: 1, name: 'Studies' }).waitFor();
	await page.goto(page.url().replace(/#.*$/, '#/studies/live'));
	await page
		.getByRole('option', { name: endpointLabel('A', SIZES[0]) })
		.first()
		.waitFor({ state: 'attached' });
	await page.evaluate(() => (globalThis as { gc?: () => void }).gc?.());
}

async function round(browser: Browser, page: Page, tokens: number, label: string) {
	await freshArena(page);
	await page.getByRole('combobox', { name: 'First endpoint' }).selectOption({
		label: endpointLabel('A', tokens)
	});
	await page.getByRole('combobox', { name: 'Second endpoint' }).selectOption({
		label: endpointLabel('B', tokens)
	});
	const prompt = `Write at length (${label}).`;
	await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(prompt);
	await browser.startTracing(page, {
		categories: process.env.RENDER_BENCH_CATEGORIES?.split(',') ?? [
			'devtools.timeline',
			'disabled-by-default-devtools.timeline'
		]
	});
	await page.getByRole('button', { name: 'Run both endpoints' }).click();
	// The new round has begun once its prompt is shown (the previous one also said "Finished").
	await page
		.getByRole('region', { name: /^Round / })
		.getByText(prompt)
		.waitFor();
	// A cheap check, polled slowly: locator polling reads every text node of both answers, and
	// that work would land on the main thread being measured.
	await page.waitForFunction(
		() => {
			const statuses = document.querySelectorAll('article [role="status"]');
			const rendering = document.querySelectorAll('article .markdown[aria-busy="true"]');
			return (
				statuses.length === 2 &&
				[...statuses].every((s) => s.textContent === 'Finished') &&
				rendering.length === 0
			);
		},
		undefined,
		{ polling: 250, timeout: 120_000 }
	);
	// Let the last frame (final render with highlighting) and the storage writes finish.
	await page.evaluate(
		() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)))
	);
	const tasks = mainThreadTasks(await browser.stopTracing());
	const longest = tasks.reduce((max, task) => (task.ms > max.ms ? task : max), {
		ms: 0,
		cpuMs: 0,
		inside: ''
	});
	const longestCpu = Math.max(0, ...tasks.map((task) => task.cpuMs));
	const busy = tasks.reduce((total, task) => total + task.cpuMs, 0);
	console.error(
		`render bench: ${label}: busy ${busy.toFixed(0)} ms, longest ${longestCpu.toFixed(1)} ms (wall ${longest.ms.toFixed(1)} ms) ${longest.inside}`
	);
	const shown = (await page.getByRole('article', { name: 'Left answer' }).textContent()) ?? '';
	if (shown.length < tokens * 6) throw new Error(`only ${shown.length} characters rendered`);
	return {
		busyMs: busy,
		longestMs: longestCpu,
		longestWallMs: longest.ms
	};
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

function stop(child: ChildProcess): void {
	try {
		if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
	} catch {
		// already gone
	}
}

const mock = await startMock();
process.once('exit', () => stop(mock.child));
const site = await serveDist(DIST);
const browser = await chromium.launch({
	executablePath: chromiumExecutablePath(),
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--no-first-run',
		'--js-flags=--expose-gc'
	]
});
try {
	const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
	await page.goto(`${site.url}#/studies/live`);
	await page.getByRole('heading', { name: 'Live arena' }).waitFor();
	await page.getByRole('combobox', { name: 'First endpoint' }).locator('option').nth(1).waitFor({
		state: 'attached'
	});
	await seedEndpoints(page, mock.baseURL);
	await page.reload();
	await page
		.getByRole('option', { name: endpointLabel('A', 8000) })
		.first()
		.waitFor({ state: 'attached' });

	await round(browser, page, 8000, 'warm-up');
	const results = new Map<number, { busyMs: number; longestMs: number; longestWallMs: number }[]>();
	for (let repeat = 0; repeat < REPEATS; repeat++) {
		for (const tokens of SIZES) {
			const result = await round(browser, page, tokens, `${tokens} #${repeat}`);
			results.set(tokens, [...(results.get(tokens) ?? []), result]);
		}
	}
	const busy = (tokens: number) => median((results.get(tokens) ?? []).map((r) => r.busyMs));
	// Each round's longest task in the main thread's own CPU time, then the median over rounds:
	// on a machine shared with other work a task's wall time also counts the time the thread was
	// not running. The absolute maximum and the wall-clock figure are printed too.
	const roundMaxima = [...results.values()].flat().map((r) => r.longestMs);
	const longest = median(roundMaxima);
	const wallMaxima = [...results.values()].flat().map((r) => r.longestWallMs);
	const largest = SIZES[SIZES.length - 1] ?? 16000;
	const perThousand = busy(largest) / ((2 * largest) / 1000);
	console.log(`BENCH render_ms_per_1k_tokens ${perThousand.toFixed(2)} ms`);
	console.log(`BENCH render_longest_task_ms ${longest.toFixed(1)} ms`);
	console.log(`BENCH render_longest_task_max_ms ${Math.max(...roundMaxima).toFixed(1)} ms`);
	console.log(`BENCH render_longest_task_wall_ms ${median(wallMaxima).toFixed(1)} ms`);
	console.log(`BENCH render_linearity ${(busy(16000) / busy(8000)).toFixed(2)} ratio`);
} finally {
	await browser.close();
	site.server.close();
	stop(mock.child);
}
