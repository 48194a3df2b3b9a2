import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRecords } from '$lib/core/analysis/analyze';
import { analysisText } from '$lib/core/analysis/report-text';
import { buildJudgmentRecord } from '$lib/core/codecs/judgment-record';
import { judgmentLine } from '$lib/core/codecs/jsonl';
import { parseArgs, run } from '../../tools/analyze/main';
import { syntheticWorld, worldContexts } from './core/analysis/synthetic';

const dir = mkdtempSync(join(tmpdir(), 'analyze-cli-'));
const records = [...worldContexts(syntheticWorld({ judgments: 120, items: 12, endpoints: 3 }))].map(
	buildJudgmentRecord
);
const lines = records.map(judgmentLine);
const whole = join(dir, 'all.jsonl');
writeFileSync(whole, lines.join(''));
const firstHalf = join(dir, 'ada.jsonl');
const secondHalf = join(dir, 'bo.jsonl');
writeFileSync(firstHalf, lines.slice(0, 80).join(''));
writeFileSync(secondHalf, lines.slice(40).join(''));

async function cli(...argv: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await run(
		argv,
		(text) => out.push(text),
		(text) => err.push(text)
	);
	return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run analyze', () => {
	it('prints the same tables as the core report', async () => {
		const result = await cli(whole);
		expect(result.code).toBe(0);
		expect(result.out).toBe(analyzeRecords(records).map(analysisText).join('\n\n'));
		expect(result.out).toContain('primary hypothes');
		expect(result.out).toContain('Bradley–Terry ratings');
	});

	it('merges overlapping rater files by judgment id', async () => {
		const result = await cli(firstHalf, secondHalf, '--json');
		expect(result.code).toBe(0);
		const [study] = JSON.parse(result.out) as [{ counts: { judgments: number } }];
		expect(study.counts.judgments).toBe(records.length);
	});

	it('passes options through to the analysis', async () => {
		const result = await cli(whole, '--json', '--include-leak-flagged', '--target', '0.7');
		const [study] = JSON.parse(result.out) as [
			{ counts: { leakFlagged: number }; comparisons: [{ power: { targetWinRate: number } }] }
		];
		expect(study.counts.leakFlagged).toBe(0);
		expect(study.comparisons[0].power.targetWinRate).toBe(0.7);
	});

	it('takes planning assumptions and the raters to leave out', () => {
		const args = parseArgs([
			'--design-effect',
			'2',
			'--tie-rate',
			'0.3',
			'--without-rater',
			'ada',
			'--without-rater',
			'bo',
			'f.jsonl'
		]);
		expect(args.options).toMatchObject({
			designEffect: 2,
			tieRate: 0.3,
			excludeRaters: ['ada', 'bo']
		});
		expect(() => parseArgs(['--without-rater'])).toThrow('--without-rater needs a rater id');
		expect(parseArgs(['--raters', 'model']).options.raterKind).toBe('model');
		expect(() => parseArgs(['--raters', 'robots'])).toThrow('--raters needs human, model or all');
	});

	it('refuses bad files naming file, row and field, and unknown options', async () => {
		const bad = join(dir, 'bad.jsonl');
		writeFileSync(bad, `${lines[0]}{"format":"trait-arena/judgments","schema":1}\n`);
		const result = await cli(bad);
		expect(result.code).toBe(1);
		expect(result.err).toContain('bad.jsonl, row 2, field "app"');
		expect((await cli(whole, '--frobnicate')).code).toBe(2);
		expect((await cli()).err).toContain('Usage: npm run analyze');
	});

	it('runs as a command', () => {
		const result = spawnSync('npx', ['tsx', 'tools/analyze/main.ts', whole], {
			encoding: 'utf8',
			env: { ...process.env, NO_COLOR: '1' }
		});
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('# Synthetic study (study-syn)');
	}, 60_000);
});
