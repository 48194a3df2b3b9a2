// Export and analysis at scale (issue 6): 100,000 synthetic judgments in Chromium, through the
// app's real modules (bench/pages/export-analysis.page.ts says what each figure covers). The
// headline export keys are the app's own export job reading a seeded IndexedDB — what a user
// waits for after pressing Export — and the codec-only keys show how much of it is serialising.
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { chromiumExecutablePath } from '../scripts/chromium-path.ts';
import { serveDist } from './static-server.ts';
import { BENCH_PAGES_DIR } from './pages/vite.config.ts';

const JUDGMENTS = Number(process.env.BENCH_JUDGMENTS ?? 100_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

const build = spawnSync('npx', ['vite', 'build', '--config', 'bench/pages/vite.config.ts'], {
	stdio: 'inherit'
});
if (build.status !== 0) throw new Error('building the bench pages failed');

const { server, url } = await serveDist(BENCH_PAGES_DIR);
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
	const page = await browser.newPage();
	page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
	await page.goto(`${url}export-analysis.html`);
	await page.waitForFunction(() => 'runBench' in window);
	const figures = await page.evaluate(
		([judgments, repeats]) =>
			(
				window as unknown as {
					runBench: (n: number, repeats: number) => Promise<Record<string, number>>;
				}
			).runBench(judgments, repeats),
		[JUDGMENTS, REPEATS] as const
	);
	const line = (key: string, value: number | undefined, unit: string, digits = 3) =>
		console.log(`BENCH ${key} ${(value ?? Number.NaN).toFixed(digits)} ${unit}`);
	line('export_jsonl_100k_s', figures.export_jsonl_s, 's');
	line('export_csv_100k_s', figures.export_csv_s, 's');
	line('export_jsonl_slowest_100k_s', figures.export_jsonl_slowest_s, 's');
	line('export_csv_slowest_100k_s', figures.export_csv_slowest_s, 's');
	line('export_longest_task_ms', figures.export_longest_task_ms, 'ms', 0);
	line('analysis_100k_s', figures.analysis_s, 's');
	line('analysis_peak_mb', figures.analysis_heap_mb, 'MB', 1);
	for (const kind of ['jsonl', 'csv']) {
		line(`export_${kind}_serialise_100k_s`, figures[`${kind}_serialise_s`], 's');
		line(`export_${kind}_codec_with_blob_100k_s`, figures[`${kind}_total_s`], 's');
		line(`export_${kind}_100k_mb`, figures[`${kind}_mb`], 'MB', 0);
	}
	line('export_build_records_100k_s', figures.build_records_s, 's');
	line('export_idb_floor_100k_s', figures.idb_floor_s, 's');
	line('results_records_100k_s', figures.results_records_s, 's');
	line('export_seed_100k_s', figures.seed_s, 's', 1);
} finally {
	await browser.close();
	server.close();
}
