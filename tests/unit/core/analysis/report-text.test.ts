import { describe, expect, it } from 'vitest';
import { analyzeStudy } from '$lib/core/analysis/analyze';
import { categoryTitle, headlineText, interval, percent, pValue } from '$lib/core/analysis/format';
import { analysisText, textTable } from '$lib/core/analysis/report-text';
import { record } from './records';

describe('number formats shared by the view and the CLI', () => {
	it('prints rates, intervals and p-values, with a dash for undefined ones', () => {
		expect(percent(2 / 3)).toBe('66.7%');
		expect(percent(Number.NaN)).toBe('—');
		expect(interval({ lower: 0.4119, upper: 0.9 })).toBe('41.2–90.0%');
		expect(pValue(0.0004)).toBe('<0.001');
		expect(pValue(0.04321)).toBe('0.043');
		expect(categoryTitle('trait×domain:well-being×law')).toBe(
			'Trait × domain: Concern for well-being × law'
		);
		expect(categoryTitle('tag:harmful-steer')).toBe('Tag: harmful-steer');
	});

	it('words the headline over the primary family; no decisive votes is not a loss', () => {
		const trained = { id: 't', label: 'T', role: 'trained', model: 'm' };
		const baseline = { id: 'b', label: 'B', role: 'baseline', model: 'm' };
		const headline = {
			total: 6,
			better: 3,
			worse: 1,
			undecided: 2,
			noDecisiveVotes: 1,
			preregistered: true
		};
		expect(headlineText(trained, baseline, headline)).toBe(
			'Trained vs baseline: better in 3, worse in 1, undecided in 2 (1 with no decisive votes yet) of 6 primary hypotheses (Holm within the family)'
		);
		expect(
			headlineText({ ...trained, role: 'x' }, baseline, {
				...headline,
				total: 1,
				better: 0,
				worse: 0,
				undecided: 1,
				noDecisiveVotes: 0
			})
		).toBe(
			'T vs B: better in 0, worse in 0, undecided in 1 of 1 primary hypothesis (Holm within the family)'
		);
	});
});

describe('text report', () => {
	it('aligns columns', () => {
		expect(
			textTable(
				['a', 'num'],
				[
					['long name', '1'],
					['b', '100']
				]
			)
		).toBe('a          num\n---------  ---\nlong name    1\nb          100');
	});

	it('holds the headline, exclusions, category rows and raters', () => {
		const text = analysisText(
			analyzeStudy([
				record({ overall: 'left-better' }),
				record({ overall: 'left-better' }),
				record({ overall: 'right-better' }),
				record({ overall: 'tie', kind: 'attention', gold: 'left' })
			])
		);
		expect(text).toContain('Trained vs baseline: better in 0, worse in 0, undecided in 1 of 1');
		expect(text).toContain(
			'Not pre-registered: the primary family defaults to Trait: Truthfulness'
		);
		expect(text).toContain('4 judgments, 3 counted; excluded: 1 attention checks, 0 leak-flagged');
		expect(text).toMatch(/Trait: Truthfulness\s+3\s+2\s+0\s+1\s+0\s+66\.7%/);
		expect(text).toMatch(/rater-ada\s+4\s+0\s+5\.0 s/);
	});
});
