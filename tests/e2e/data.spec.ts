// Promise 4 end to end: a rater judges part of the demo study with the keyboard, the JSONL and
// CSV exports download, an independent parser (Python's csv and json) reads them, the JSONL goes
// into a fresh browser profile (a new IndexedDB), and the Results there — and `npm run analyze`
// on the same file — show the numbers the first browser showed.
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test, watchPage } from './fixtures';

const JUDGED = 4;

async function judgeDemo(page: Page): Promise<void> {
	await page.goto('./');
	await page.getByLabel('Your rater ID').fill('rater-e2e');
	await page.getByRole('button', { name: 'Start judging' }).click();
	for (let trial = 0; trial < JUDGED; trial++) {
		await expect(page.getByRole('heading', { name: `Trial ${trial + 1} of 12` })).toBeVisible();
		const form = page.getByRole('form', { name: 'Your judgment' });
		// Alternate sides so both endpoints win some; answer every trait question the item asks.
		const overall = form.getByRole('group', { name: 'Overall, which response is better?' });
		const choice = overall.getByRole('radio', {
			name: trial % 3 === 2 ? 'Right better' : 'Left better'
		});
		await expect(async () => {
			await page.keyboard.press(trial % 3 === 2 ? '4' : '2');
			await expect(choice).toBeChecked({ timeout: 500 });
		}).toPass();
		const traits = form.getByRole('group', { name: /which response shows it better\?/ });
		for (const group of await traits.all()) {
			await group.getByRole('radio', { name: 'Tie', exact: true }).check();
		}
		await page.keyboard.press('Enter');
		await expect(page.getByText(`${trial + 1} / 12`)).toBeVisible();
		// The demo reveals who was who after each vote; Enter moves on.
		const next = page.getByRole('button', { name: /Next trial/ });
		if (await next.isVisible()) {
			await page.keyboard.press('Enter');
			await expect(next).toBeHidden();
		}
	}
}

/** Everything the Results view says, as text, to compare two browsers. */
async function resultsText(page: Page): Promise<string> {
	await page.goto('./#/results/demo-study');
	await expect(
		page.getByText(/: better in \d+, worse in \d+, undecided in \d+/).first()
	).toBeVisible();
	// The study picker lists this browser's studies (the demo installs two; a fresh browser that
	// imported the judgments has one): the figures are what must match.
	const studies = await page.getByLabel('Study', { exact: true }).locator('option').allInnerTexts();
	const text = await page.getByRole('main').innerText();
	return text
		.split('\n')
		.filter((line) => !studies.includes(line.trim()))
		.join('\n');
}

function python(script: string, ...args: string[]): string {
	const result = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8' });
	expect(result.stderr).toBe('');
	return result.stdout;
}

test('judgments exported through the UI come back whole in a fresh browser with the same results', async ({
	page,
	browser,
	problems
}, testInfo) => {
	test.setTimeout(120_000);
	await judgeDemo(page);
	const before = await resultsText(page);
	expect(before).toContain(`${JUDGED} judgments, ${JUDGED} counted`);
	const overall = await page
		.getByRole('table', { name: 'By trait' })
		.getByRole('row', { name: /^Overall/ })
		.getByRole('cell')
		.allInnerTexts();

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data' }).click();
	const jsonlDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSONL' }).click();
	const jsonl = await jsonlDownload;
	expect(jsonl.suggestedFilename()).toMatch(
		/^trait-arena_all-studies_\d{4}-\d\d-\d\d\.judgments\.jsonl$/
	);
	await expect(
		page.getByRole('status').filter({ hasText: `Exported ${JUDGED} judgments` })
	).toBeVisible();
	const jsonlPath = testInfo.outputPath('judgments.jsonl');
	await jsonl.saveAs(jsonlPath);

	await page
		.getByLabel('Study', { exact: true })
		.selectOption({ label: 'Illustrative demo: baseline vs trait-trained' });
	await page.getByLabel('Rater', { exact: true }).selectOption('rater-e2e');
	const csvDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export CSV' }).click();
	const csv = await csvDownload;
	expect(csv.suggestedFilename()).toMatch(
		/^trait-arena_illustrative-demo-baseline-vs-trait-trained_rater-e2e_.*\.judgments\.csv$/
	);
	const csvPath = testInfo.outputPath('judgments.csv');
	await csv.saveAs(csvPath);

	// An independent reader: Python's standard csv and json modules.
	const checked = JSON.parse(
		python(
			`import csv, json, sys
lines = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8", newline="")))
by_id = {row["judgment_id"]: row for row in rows}
same = all(
    by_id[r["id"]]["overall"] == r["overall"]
    and by_id[r["id"]]["left_label"] == r["left"]["endpoint"]["label"]
    and by_id[r["id"]]["right_answer"] == r["right"]["answer"]
    and json.loads(by_id[r["id"]]["left_transcript"]) == r["left"]["response"]["transcript"]
    and by_id[r["id"]]["rater_id"] == r["raterId"] == "rater-e2e"
    for r in lines
)
print(json.dumps({"lines": len(lines), "rows": len(rows), "columns": list(rows[0].keys()),
  "formats": sorted({r["format"] for r in lines}), "same": same,
  "winner_resolved": all((r["winner"] is None) == (r["overall"] in ("tie", "both-bad")) for r in lines)}))`,
			jsonlPath,
			csvPath
		)
	) as {
		lines: number;
		rows: number;
		columns: string[];
		formats: string[];
		same: boolean;
		winner_resolved: boolean;
	};
	expect(checked).toMatchObject({
		lines: JUDGED,
		rows: JUDGED,
		formats: ['trait-arena/judgments'],
		same: true,
		winner_resolved: true
	});
	expect(checked.columns.slice(0, 4)).toEqual(['format', 'schema', 'app', 'judgment_id']);

	// A fresh profile: opening Data first, so not even the demo is installed there.
	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	const otherProblems = watchPage(other);
	await other.goto('./#/data');
	await other.getByLabel('Import judgments or backup').setInputFiles(jsonlPath);
	const report = other.getByRole('table', { name: /Merge report/ });
	await expect(report.getByRole('row', { name: /Judgments/ }).getByRole('cell')).toHaveText([
		`${JUDGED}`,
		'0',
		'0'
	]);
	expect(await resultsText(other)).toBe(before);

	// Importing the same file again changes nothing.
	await other.goto('./#/data');
	await other.getByLabel('Import judgments or backup').setInputFiles(jsonlPath);
	await expect(report.getByRole('row', { name: /Judgments/ }).getByRole('cell')).toHaveText([
		'0',
		`${JUDGED}`,
		'0'
	]);
	expect(await resultsText(other)).toBe(before);
	expect(otherProblems.errors).toEqual([]);
	await fresh.close();

	// The command line prints the same figures.
	const cli = spawnSync('npx', ['tsx', 'tools/analyze/main.ts', jsonlPath], { encoding: 'utf8' });
	expect(cli.status).toBe(0);
	const headline =
		/\S.* vs .*: better in \d+, worse in \d+, undecided in \d+.* of \d+ primary hypothes[a-z]+ \(Holm within the family\)/.exec(
			before
		)?.[0];
	expect(headline).toBeDefined();
	expect(cli.stdout).toContain(headline);
	expect(cli.stdout).toContain(`${JUDGED} judgments, ${JUDGED} counted`);
	const escaped = overall
		.filter(Boolean)
		.map((cell) => cell.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	expect(cli.stdout).toMatch(new RegExp(`Overall\\s+${escaped.join('\\s+')}`));
	expect(problems.errors).toEqual([]);
});
