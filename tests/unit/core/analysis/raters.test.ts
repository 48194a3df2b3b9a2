// Rater sensitivity: per-rater position bias with its test, the pooled share clustered by
// rater, the "without this rater" view, and agreement read by preferred endpoint, not side.
import { describe, expect, it } from 'vitest';
import { analyzeStudy } from '$lib/core/analysis/analyze';
import { run } from '../../../../tools/analyze/main';
import { record } from './records';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgmentLine } from '$lib/core/codecs/jsonl';

// 24 prompts; rater-lefty always picks the left side, two careful raters prefer the trained
// answer on two prompts in three whichever side it is on. Sides alternate by prompt and rater.
const RATERS = ['rater-a', 'rater-b', 'rater-lefty'];
function study() {
	const records = [];
	for (let item = 0; item < 24; item++) {
		for (const [index, rater] of RATERS.entries()) {
			const trainedLeft = (item + index) % 2 === 0;
			const left = trainedLeft ? 'ep-trained' : 'ep-baseline';
			const prefersTrained = item % 3 !== 2;
			const overall =
				rater === 'rater-lefty' || prefersTrained === trainedLeft ? 'left-better' : 'right-better';
			records.push(record({ overall, item: `item-${item}`, rater, left }));
		}
	}
	return records;
}

describe('rater sensitivity', () => {
	const analysis = analyzeStudy(study());

	it('flags the biased rater by its own test, Holm-adjusted over raters', () => {
		const lefty = analysis.raters.find((rater) => rater.raterId === 'rater-lefty');
		expect(lefty?.positionBias.leftShare).toBe(1);
		expect(lefty?.positionAdjustedPValue).toBeLessThan(0.05);
		for (const rater of analysis.raters.filter((r) => r.raterId !== 'rater-lefty')) {
			expect(rater.positionAdjustedPValue).toBeGreaterThan(0.05);
		}
	});

	it('does not let one rater carry the pooled position test when clustered by rater', () => {
		expect(analysis.positionBias.pValue).toBeLessThan(0.05);
		expect(analysis.positionBiasByRater.raters).toBe(3);
		expect(analysis.positionBiasByRater.pValue).toBeGreaterThan(analysis.positionBias.pValue);
	});

	it('recomputes everything without the chosen rater, in the app and the CLI alike', async () => {
		const without = analyzeStudy(study(), { excludeRaters: ['rater-lefty'] });
		expect(without.excludedRaters).toEqual(['rater-lefty']);
		expect(without.raters.map((rater) => rater.raterId)).toEqual(['rater-a', 'rater-b']);
		expect(without.counts.judgments).toBe(48);
		expect(without.positionBias.leftShare).toBe(0.5);
		const overall = without.comparisons[0]?.summary.overall;
		expect(overall).toMatchObject({ wins: 32, losses: 16 });
		expect(analysis.comparisons[0]?.summary.overall).toMatchObject({ wins: 44, losses: 28 });
		const dir = mkdtempSync(join(tmpdir(), 'raters-'));
		const file = join(dir, 'study.jsonl');
		// Shuffled lines: the CLI must not depend on their order either.
		writeFileSync(file, [...study()].reverse().map(judgmentLine).join(''));
		const out: string[] = [];
		const code = await run(
			['--json', '--without-rater', 'rater-lefty', file],
			(text) => out.push(text),
			() => {}
		);
		expect(code).toBe(0);
		expect(JSON.parse(out.join(''))[0]).toEqual(JSON.parse(JSON.stringify(without)));
	});

	it('reads agreement by the endpoint each rater preferred, whichever side it was on', () => {
		const agree = analyzeStudy([
			record({ overall: 'left-better', item: 'i1', rater: 'r1', left: 'ep-trained' }),
			record({ overall: 'right-better', item: 'i1', rater: 'r2', left: 'ep-baseline' }),
			record({ overall: 'right-better', item: 'i2', rater: 'r1', left: 'ep-trained' }),
			record({ overall: 'left-better', item: 'i2', rater: 'r2', left: 'ep-baseline' }),
			record({ overall: 'tie', item: 'i3', rater: 'r1' }),
			record({ overall: 'tie', item: 'i3', rater: 'r2' })
		]);
		const agreement = agree.comparisons[0]?.agreement;
		expect(agreement?.sharedItems).toBe(3);
		expect(agreement?.kappa?.kappa).toBe(1);
	});
});
