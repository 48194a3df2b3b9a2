import { describe, expect, it } from 'vitest';
import { analyzeStudy } from '$lib/core/analysis/analyze';
import { analysisText } from '$lib/core/analysis/report-text';
import { ratingsByCategory, winMatrixView } from '$lib/core/analysis/multi-endpoint';
import { BASELINE, OTHER, TRAINED, record } from './records';

// Trained beats both others on every tagged prompt; Other beats Baseline on half.
const records = [
	...['p1', 'p2', 'p3'].flatMap((item) => [
		record({
			overall: 'left-better',
			item,
			tags: ['pressure'],
			left: TRAINED.id,
			right: BASELINE.id
		}),
		record({ overall: 'left-better', item, tags: ['pressure'], left: TRAINED.id, right: OTHER.id })
	]),
	record({
		overall: 'left-better',
		item: 'p1',
		tags: ['pressure'],
		left: OTHER.id,
		right: BASELINE.id
	}),
	record({
		overall: 'right-better',
		item: 'p2',
		tags: ['pressure'],
		left: OTHER.id,
		right: BASELINE.id
	}),
	// A tag seen in one pair only: no ratings for it.
	record({
		overall: 'left-better',
		item: 'h1',
		tags: ['harmful-steer'],
		left: TRAINED.id,
		right: BASELINE.id
	})
];

describe('win matrix', () => {
	it('fills both cells of each compared pair, mirrored', () => {
		const analysis = analyzeStudy(records, { resamples: 20 });
		const view = winMatrixView([TRAINED, OTHER, BASELINE], analysis.comparisons);
		const rate = (i: number, j: number) => view.cells[i]?.[j]?.winRate;
		expect(rate(0, 1)).toBe(1);
		expect(rate(1, 0)).toBe(0);
		expect(rate(0, 2)).toBe(1);
		expect(rate(1, 2)).toBe(0.5);
		expect(rate(2, 1)).toBe(0.5);
		expect(view.cells[0]?.[0]).toBeUndefined();
		const other = view.cells[1]?.[2];
		const mirrored = view.cells[2]?.[1];
		expect(mirrored?.interval.lower).toBeCloseTo(1 - (other?.interval.upper ?? NaN), 12);
		expect(view.cells[0]?.[2]?.judged).toBe(4);
	});
});

describe('Bradley–Terry per trait and per tag', () => {
	it('rates categories with three or more endpoints, strongest first', () => {
		const byCategory = ratingsByCategory(records, {}, 20);
		expect(byCategory.map((entry) => entry.category)).toEqual([
			'tag:pressure',
			'trait:truthfulness'
		]);
		const pressure = byCategory[0]?.ratings.rows.map((row) => row.endpoint.id);
		expect(pressure?.[0]).toBe(TRAINED.id);
		expect(analyzeStudy(records, { resamples: 20 }).categoryRatings).toHaveLength(2);
	});

	it('the CLI prints the matrix and the per-category ratings', () => {
		const text = analysisText(analyzeStudy(records, { resamples: 20 }));
		expect(text).toContain('Win matrix (row endpoint against column endpoint, 95% interval)');
		expect(text).toMatch(/Other 7B\s+50\.0% \(.*\)\s+0\.0%/);
		expect(text).toContain('Bradley–Terry ratings per trait and per tag');
		expect(text).toMatch(/Tag: pressure\s+\d+/);
	});
});
