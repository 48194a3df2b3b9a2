// Pre-registered primary hypotheses: locked with a hash, carried by every exported record, and
// the family Holm runs in; without one, the analysis says the family was chosen afterwards.
import { describe, expect, it } from 'vitest';
import { analyzeStudy } from '$lib/core/analysis/analyze';
import {
	candidateHypotheses,
	defaultFamily,
	lockPreregistration,
	preregistrationIntact
} from '$lib/core/analysis/preregistration';
import { JudgmentRecordSchema } from '$lib/core/codecs/judgment-record';
import { StudySchema } from '$lib/core/schema';
import { holmAdjust } from '$lib/core/stats/holm';
import { makeStudy } from '../../factories';
import { record } from './records';

const LOCKED_AT = '2026-11-20T09:00:00.000Z';

describe('locking', () => {
	it('sorts and deduplicates the hypotheses, and the hash shows any later edit', () => {
		const a = lockPreregistration(
			'study-1',
			{ hypotheses: ['trait:b', 'trait:a', 'trait:b'], alpha: 0.05 },
			LOCKED_AT
		);
		const b = lockPreregistration(
			'study-1',
			{ hypotheses: ['trait:a', 'trait:b'], alpha: 0.05 },
			LOCKED_AT
		);
		expect(a).toEqual(b);
		expect(a.hypotheses).toEqual(['trait:a', 'trait:b']);
		expect(preregistrationIntact('study-1', a)).toBe(true);
		expect(preregistrationIntact('study-1', { ...a, hypotheses: ['trait:a'] })).toBe(false);
		expect(preregistrationIntact('study-1', { ...a, alpha: 0.1 })).toBe(false);
		expect(preregistrationIntact('study-2', a)).toBe(false);
		expect(() => lockPreregistration('s', { hypotheses: [' '], alpha: 0.05 }, LOCKED_AT)).toThrow(
			/at least one/
		);
	});

	it('offers the overall verdict and each trait; defaults to the traits present', () => {
		expect(candidateHypotheses(['fairness', 'truthfulness', 'fairness'])).toEqual([
			'overall',
			'trait:fairness',
			'trait:truthfulness'
		]);
		expect(defaultFamily(['domain:law', 'trait:b', 'trait:a'])).toEqual(['trait:a', 'trait:b']);
		expect(defaultFamily(['domain:law'])).toEqual(['overall']);
	});

	it('is optional on the study: old studies parse, new ones keep it, and records carry it', () => {
		const old = makeStudy();
		expect(StudySchema.parse(old).preregistration).toBeUndefined();
		const preregistration = lockPreregistration(
			old.id,
			{ hypotheses: ['overall'], alpha: 0.05 },
			LOCKED_AT
		);
		expect(StudySchema.parse({ ...old, preregistration }).preregistration).toEqual(preregistration);
		const withIt = record({ overall: 'left-better', preregistration });
		expect(JudgmentRecordSchema.parse(withIt).study.preregistration).toEqual(preregistration);
		expect(record({ overall: 'tie' }).study).not.toHaveProperty('preregistration');
	});
});

describe('analysis with a pre-registered family', () => {
	// Six prompts on two traits and two domains, all won by the trained endpoint.
	const spec = (index: number) => ({
		overall: (index % 4 === 3 ? 'tie' : 'left-better') as 'tie' | 'left-better',
		item: `item-${index % 6}`,
		traits: [index % 2 === 0 ? 'truthfulness' : 'fairness'],
		domain: index % 3 === 0 ? 'law' : 'health',
		rater: `rater-${index % 3}`
	});

	it('runs Holm within the registered family only and labels the rest exploratory', () => {
		const preregistration = lockPreregistration(
			'study-1',
			{ hypotheses: ['overall', 'trait:truthfulness'], alpha: 0.05 },
			LOCKED_AT
		);
		const records = Array.from({ length: 36 }, (_, index) =>
			record({ ...spec(index), preregistration })
		);
		const analysis = analyzeStudy(records);
		expect(analysis.preregistration).toEqual(preregistration);
		expect(analysis.primary).toEqual(['overall', 'trait:truthfulness']);
		const [comparison] = analysis.comparisons;
		const summary = comparison?.summary;
		const rows = [summary?.overall, ...(summary?.categories ?? [])];
		const primary = rows.filter((row) => row?.family === 'primary');
		expect(primary.map((row) => row?.category)).toEqual(['overall', 'trait:truthfulness']);
		expect(primary.map((row) => row?.adjustedPValue)).toEqual(
			holmAdjust(primary.map((row) => row?.pValue ?? 1))
		);
		const fairness = rows.find((row) => row?.category === 'trait:fairness');
		expect(fairness?.family).toBe('exploratory');
		expect(summary?.headline).toMatchObject({ total: 2, preregistered: true });
		expect(comparison?.power.familySize).toBe(2);
	});

	it('without a registration uses the traits present and says it was not registered', () => {
		const analysis = analyzeStudy(Array.from({ length: 12 }, (_, index) => record(spec(index))));
		expect(analysis.preregistration).toBeNull();
		expect(analysis.primary).toEqual(['trait:fairness', 'trait:truthfulness']);
		expect(analysis.comparisons[0]?.summary.headline.preregistered).toBe(false);
	});
});
