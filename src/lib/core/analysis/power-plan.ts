// Planning for power for the test that will run: each primary hypothesis is tested inside a
// Holm family of m, whose first (strictest) step is at α/m, so the plan uses the exact sign
// test at α/m. The sign test counts decisive votes; ties dilute them (judgments = decisive /
// (1 − tie rate)), and votes on one prompt are correlated (× design effect, from the study's own
// votes once every prompt has two, else an assumption the researcher can change). The planned n
// is the first from which exact power stays at or above the target (see safeSignTestSampleSize).
import { arcsineNormalSampleSize, safeSignTestSampleSize } from '../stats/power';
import type { CategoryResult } from '../stats/summary';

export interface PowerSettings {
	/** Share of decisive votes the trained model wins, to detect; default 0.6. */
	targetWinRate: number;
	/** Family-wise significance level; default 0.05. */
	alpha: number;
	/** Wanted power; default 0.8. */
	power: number;
	/** Assumed design effect before the study has data; default 1.5. */
	designEffect: number;
	/** Assumed share of ties before the study has data; default 0.2. */
	tieRate: number;
}

export const DEFAULT_POWER: PowerSettings = {
	targetWinRate: 0.6,
	alpha: 0.05,
	power: 0.8,
	designEffect: 1.5,
	tieRate: 0.2
};

export interface PowerRow {
	category: string;
	/** Votes counted (wins + ties + losses). */
	judged: number;
	/** Judgments still needed (0 when reached). */
	remaining: number;
	/** judged / needed, capped at 1. */
	progress: number;
}

export interface PowerPlan extends PowerSettings {
	/** Primary hypotheses in the family (m). */
	familySize: number;
	/** α / m: the level of Holm's first step. */
	testAlpha: number;
	/** Decisive votes the exact test needs, saw-tooth safe. */
	decisive: number;
	/** First n reaching the power, which later n can fall below again. */
	decisiveFirst: number;
	/** Normal approximation, for comparison. */
	decisiveNormal: number;
	designEffectSource: 'data' | 'assumed';
	tieRateSource: 'data' | 'assumed';
	/** Judgments (both-bad excluded) each hypothesis needs. */
	needed: number;
	rows: PowerRow[];
}

const cache = new Map<string, { first: number; safe: number; normal: number }>();

function sizes(p1: number, alpha: number, power: number) {
	const key = `${p1}|${alpha}|${power}`;
	let hit = cache.get(key);
	if (!hit) {
		const exact = safeSignTestSampleSize({ p1, alpha, power });
		hit = {
			first: exact.minN,
			safe: exact.safeN,
			normal: arcsineNormalSampleSize(p1, { alpha, power })
		};
		cache.set(key, hit);
	}
	return hit;
}

/** Decisive votes one hypothesis needs inside a family of `familySize` (saw-tooth safe). */
export function requiredDecisiveJudgments(
	settings: Partial<PowerSettings> = {},
	familySize = 1
): number {
	const { targetWinRate, alpha, power } = { ...DEFAULT_POWER, ...settings };
	return sizes(targetWinRate, alpha / Math.max(1, familySize), power).safe;
}

/** Judgments (ties included) one hypothesis needs, after ties and the design effect. */
export function requiredJudgments(settings: Partial<PowerSettings> = {}, familySize = 1): number {
	const resolved = { ...DEFAULT_POWER, ...settings };
	const decisive = requiredDecisiveJudgments(resolved, familySize);
	return Math.ceil((Math.max(1, resolved.designEffect) * decisive) / (1 - resolved.tieRate));
}

export interface ObservedDesign {
	/** From the study's votes; undefined when there are too few to estimate. */
	designEffect?: number;
	tieRate?: number;
}

export function powerPlan(
	primary: readonly Pick<CategoryResult, 'category' | 'judged'>[],
	settings: Partial<PowerSettings> = {},
	observed: ObservedDesign = {}
): PowerPlan {
	const base = { ...DEFAULT_POWER, ...settings };
	const useDeff = observed.designEffect !== undefined && Number.isFinite(observed.designEffect);
	const useTies = observed.tieRate !== undefined && Number.isFinite(observed.tieRate);
	const resolved: PowerSettings = {
		...base,
		designEffect: useDeff ? Math.max(1, observed.designEffect as number) : base.designEffect,
		tieRate: useTies ? Math.min(0.95, observed.tieRate as number) : base.tieRate
	};
	const familySize = Math.max(1, primary.length);
	const testAlpha = resolved.alpha / familySize;
	const exact = sizes(resolved.targetWinRate, testAlpha, resolved.power);
	const needed = requiredJudgments(resolved, familySize);
	return {
		...resolved,
		familySize,
		testAlpha,
		decisive: exact.safe,
		decisiveFirst: exact.first,
		decisiveNormal: exact.normal,
		designEffectSource: useDeff ? 'data' : 'assumed',
		tieRateSource: useTies ? 'data' : 'assumed',
		needed,
		rows: primary.map(({ category, judged }) => ({
			category,
			judged,
			remaining: Math.max(0, needed - judged),
			progress: needed > 0 ? Math.min(1, judged / needed) : 0
		}))
	};
}
