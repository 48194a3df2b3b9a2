// `npm test`: unit tests (Vitest), then the production build and end-to-end tests (Playwright,
// real Chromium, own mock server). Both runners always run, each writes a JSON report, and the
// last line is one total `N passed, N failed` so CI can see that tests ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORTS = '.reports';
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
const only = process.argv[2];

function run(command, args, extraEnv = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
	return result.status ?? 1;
}

function readJson(path) {
	return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

/** Titles of the Playwright tests that failed and then passed on their retry. */
function flakyTitles(report) {
	const titles = [];
	const walk = (suite) => {
		for (const spec of suite.specs ?? [])
			for (const test of spec.tests ?? [])
				if (test.status === 'flaky') titles.push(`${spec.file}: ${spec.title}`);
		for (const child of suite.suites ?? []) walk(child);
	};
	for (const suite of report.suites ?? []) walk(suite);
	return titles;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

if (only !== 'e2e') {
	const code = run('npx', [
		'vitest',
		'run',
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${REPORTS}/unit.json`
	]);
	const unit = readJson(`${REPORTS}/unit.json`);
	if (unit) {
		totals.passed += unit.numPassedTests;
		totals.failed += unit.numFailedTests;
		totals.skipped += unit.numPendingTests + unit.numTodoTests;
	} else totals.failed += 1;
	if (code !== 0) exitCode = 1;
}

if (only !== 'unit') {
	let code = run('bash', ['scripts/ensure-browser.sh']);
	if (code === 0) code = run('npx', ['vite', 'build', '--logLevel', 'warn']);
	if (code === 0)
		code = run('npx', ['playwright', 'test', '--reporter=list,json'], {
			PLAYWRIGHT_JSON_OUTPUT_FILE: `${REPORTS}/e2e.json`
		});
	const e2e = readJson(`${REPORTS}/e2e.json`);
	if (e2e) {
		for (const title of flakyTitles(e2e))
			console.log(`flaky (failed once, passed on retry): ${title}`);
		totals.passed += e2e.stats.expected + e2e.stats.flaky;
		totals.failed += e2e.stats.unexpected;
		totals.skipped += e2e.stats.skipped;
	} else totals.failed += 1;
	if (code !== 0) exitCode = 1;
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
