// What a user feels with a 100,000-judgment study, in Chromium on the built app and its real
// modules (bench/pages/export-analysis.page.ts): an export's time as a ratio to reading the same
// judgments through the createdAt index in the same run, and the page's longest task meanwhile;
// the Results view from opening to its figures shown, and its longest task; a rater's commit,
// from the Enter key to the next trial painted, with every one of those judgments stored.
import { chromium, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { chromiumExecutablePath } from '../scripts/chromium-path.ts';
import { serveDist } from './static-server.ts';
import { BENCH_PAGES_DIR } from './pages/vite.config.ts';

const DIST = process.env.DIST_DIR ?? 'dist';
const JUDGMENTS = Number(process.env.BENCH_JUDGMENTS ?? 100_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const COMMITS = Number(process.env.BENCH_COMMITS ?? 40);

const build = spawnSync('npx', ['vite', 'build', '--config', 'bench/pages/vite.config.ts'], {
	stdio: 'inherit'
});
if (build.status !== 0) throw new Error('building the bench pages failed');

type Figures = Record<string, number>;
type BenchWindow = {
	seedBench: (n: number) => Promise<Figures>;
	runBench: (n: number, repeats: number) => Promise<Figures>;
};

const line = (key: string, value: number | undefined, unit: string, digits = 3) =>
	console.log(`BENCH ${key} ${(value ?? Number.NaN).toFixed(digits)} ${unit}`);

/** Records the page's long tasks from now on (read with `longestTaskSince`). */
async function watchLongTasks(page: Page): Promise<void> {
	await page.evaluate(() => {
		const tasks: { start: number; duration: number }[] = [];
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries())
				tasks.push({ start: entry.startTime, duration: entry.duration });
		}).observe({ type: 'longtask' });
		Object.assign(window, { benchTasks: tasks });
	});
}

async function longestTaskSince(page: Page, since: number): Promise<number> {
	await page.waitForTimeout(100);
	return page.evaluate((from) => {
		const tasks = (window as unknown as { benchTasks: { start: number; duration: number }[] })
			.benchTasks;
		return Math.max(0, ...tasks.filter((task) => task.start >= from).map((task) => task.duration));
	}, since);
}

/** Opening the Results view of the seeded study until its comparison is shown. */
async function resultsOpen(page: Page): Promise<Figures> {
	await page.goto('./#/data');
	await page.getByRole('heading', { name: 'Data' }).waitFor();
	await watchLongTasks(page);
	const started = await page.evaluate(() => {
		const now = performance.now();
		location.hash = '#/results/study-syn';
		return now;
	});
	await page.getByRole('region', { name: / vs / }).first().waitFor({ timeout: 120_000 });
	const shown = await page.evaluate(() => performance.now());
	return {
		results_open_s: (shown - started) / 1000,
		results_longest_task_ms: await longestTaskSince(page, started)
	};
}

/** Key press (Enter) to the next trial painted, for COMMITS judgments in a row. */
async function commitTimes(page: Page): Promise<number[]> {
	await page.goto('./#/arena/study-syn');
	await page.getByText(/Trial 1 of/).waitFor({ timeout: 60_000 });
	const times: number[] = [];
	for (let n = 1; n <= COMMITS; n++) {
		await page.keyboard.press('2');
		const painted = page.evaluate(
			(next) =>
				new Promise<number>((resolve) => {
					let pressed = 0;
					// Read the clock in the handler: a CDP-dispatched key's event.timeStamp is not on
					// the page's performance.now() timeline.
					addEventListener('keydown', () => void (pressed = performance.now()), {
						capture: true,
						once: true
					});
					// (No named functions in here: tsx would wrap them in a helper the page lacks.)
					const observer = new MutationObserver(() => {
						if (!document.body.textContent?.includes(`Trial ${next} of`)) return;
						observer.disconnect();
						// The frame that shows it: after the next animation frame's paint.
						requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - pressed)));
					});
					observer.observe(document.body, { subtree: true, childList: true, characterData: true });
				}),
			n + 1
		);
		await page.waitForTimeout(20);
		await page.keyboard.press('Enter');
		times.push(await painted);
	}
	return times;
}

const { server, url } = await serveDist(DIST, { '/bench/': BENCH_PAGES_DIR });
const browser = await chromium.launch({
	executablePath: chromiumExecutablePath(),
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--no-first-run',
		'--enable-precise-memory-info',
		'--js-flags=--expose-gc'
	]
});
try {
	const context = await browser.newContext({ baseURL: url });
	const page = await context.newPage();
	page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
	await page.goto('./bench/export-analysis.html');
	await page.waitForFunction(() => 'runBench' in window);
	const seeded = await page.evaluate(
		(n) => (window as unknown as BenchWindow).seedBench(n),
		JUDGMENTS
	);
	const figures = await page.evaluate(
		([n, repeats]) => (window as unknown as BenchWindow).runBench(n, repeats),
		[JUDGMENTS, REPEATS] as const
	);
	const results = await resultsOpen(page);
	const commits = (await commitTimes(page)).sort((a, b) => a - b);
	const p95 = commits[Math.min(commits.length - 1, Math.ceil(commits.length * 0.95) - 1)];

	line('export_jsonl_floor_ratio', figures.export_jsonl_floor_ratio, 'x', 2);
	line('export_csv_floor_ratio', figures.export_csv_floor_ratio, 'x', 2);
	line('export_longest_task_ms', figures.export_longest_task_ms, 'ms', 0);
	line('export_jsonl_100k_s', figures.export_jsonl_s, 's');
	line('export_csv_100k_s', figures.export_csv_s, 's');
	line('export_parquet_100k_s', figures.export_parquet_s, 's');
	line('export_parquet_jsonl_ratio', figures.export_parquet_jsonl_ratio, 'x', 2);
	line('export_idb_floor_100k_s', figures.export_idb_floor_s, 's');
	line('results_open_100k_s', results.results_open_s, 's');
	line('results_longest_task_ms', results.results_longest_task_ms, 'ms', 0);
	line('commit_next_trial_p95_ms', p95, 'ms', 1);
	line('analysis_100k_s', figures.analysis_s, 's');
	line('analysis_peak_mb', figures.analysis_heap_mb, 'MB', 1);
	line('export_seed_100k_s', seeded.seed_s, 's', 1);
} finally {
	await browser.close();
	server.close();
}
