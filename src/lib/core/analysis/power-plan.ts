// Planning for power (§5): how many decisive judgments (wins + losses; ties do not move the sign
// test) a category needs for the exact sign test to detect a target win rate, and how far each
// category is from it. The study set-up multiplies the per-category need by its categories.
import { signTestSampleSize } from '../stats/power';
import type { CategoryResult } from '../stats/summary';

export interface PowerSettings {
	/** Win probability of the trained model on decisive votes to detect; default 0.6. */
	targetWinRate: number;
	/** Two-sided significance level; default 0.05. */
	alpha: number;
	/** Wanted power; default 0.8. */
	power: number;
}

export const DEFAULT_POWER: PowerSettings = { targetWinRate: 0.6, alpha: 0.05, power: 0.8 };

export interface PowerRow {
	category: string;
	decisive: number;
	/** Decisive judgments still needed (0 when reached). */
	remaining: number;
	/** decisive / needed, capped at 1. */
	progress: number;
}

export interface PowerPlan extends PowerSettings {
	/** Decisive judgments each category needs. */
	needed: number;
	rows: PowerRow[];
}

const cache = new Map<string, number>();

/** Decisive judgments per category for the settings (memoised: the search is not free). */
export function requiredDecisiveJudgments(settings: Partial<PowerSettings> = {}): number {
	const { targetWinRate, alpha, power } = { ...DEFAULT_POWER, ...settings };
	const key = `${targetWinRate}|${alpha}|${power}`;
	let needed = cache.get(key);
	if (needed === undefined) {
		needed = signTestSampleSize({ p1: targetWinRate, alpha, power }).n;
		cache.set(key, needed);
	}
	return needed;
}

/** Decisive judgments a whole design needs: every category must reach the per-category figure. */
export function requiredForDesign(
	categories: number,
	settings: Partial<PowerSettings> = {}
): number {
	return categories * requiredDecisiveJudgments(settings);
}

export function powerPlan(
	categories: readonly Pick<CategoryResult, 'category' | 'wins' | 'losses'>[],
	settings: Partial<PowerSettings> = {}
): PowerPlan {
	const resolved: PowerSettings = {
		targetWinRate: settings.targetWinRate ?? DEFAULT_POWER.targetWinRate,
		alpha: settings.alpha ?? DEFAULT_POWER.alpha,
		power: settings.power ?? DEFAULT_POWER.power
	};
	const needed = requiredDecisiveJudgments(resolved);
	return {
		...resolved,
		needed,
		rows: categories.map(({ category, wins, losses }) => {
			const decisive = wins + losses;
			return {
				category,
				decisive,
				remaining: Math.max(0, needed - decisive),
				progress: Number.isFinite(needed) && needed > 0 ? Math.min(1, decisive / needed) : 0
			};
		})
	};
}
