// Exact sign-test power at Holm's first step against scipy's binomial (tests/fixtures/stats).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	arcsineNormalSampleSize,
	exactBinomialPower,
	safeSignTestSampleSize
} from '$lib/core/stats/power';

interface Row {
	m: number;
	alpha: number;
	winRate: number;
	targetPower: number;
	exactMinN: number;
	exactPowerAtMinN: number;
	criticalCAtMinN: number;
	exactSafeN: number;
	exactPowerAtSafeN: number;
	criticalCAtSafeN: number;
	normalNRoot: number;
	normalNCeil: number;
	exactSafeNTimesDeffCeil: number;
	nBelowTargetBetweenMinAndSafe: number[];
}
const { rows } = JSON.parse(
	readFileSync(new URL('../../../fixtures/stats/power.json', import.meta.url), 'utf8')
) as { rows: Row[] };

describe('power of the exact sign test (power.json)', () => {
	it.each(rows)(
		'm = $m, win rate $winRate, power $targetPower',
		(row) => {
			const plan = safeSignTestSampleSize({
				p1: row.winRate,
				alpha: 0.05 / row.m,
				power: row.targetPower
			});
			expect(plan.minN).toBe(row.exactMinN);
			expect(plan.safeN).toBe(row.exactSafeN);
			expect(plan.criticalC).toBe(row.criticalCAtSafeN);
			expect(Math.abs(plan.powerAtMinN - row.exactPowerAtMinN)).toBeLessThan(1e-9);
			expect(Math.abs(plan.powerAtSafeN - row.exactPowerAtSafeN)).toBeLessThan(1e-9);
			expect(Math.ceil(1.5 * plan.safeN)).toBe(row.exactSafeNTimesDeffCeil);
			const normal = arcsineNormalSampleSize(row.winRate, {
				alpha: 0.05 / row.m,
				power: row.targetPower
			});
			expect(Math.abs(normal - row.normalNRoot) / row.normalNRoot).toBeLessThan(1e-6);
			expect(Math.ceil(normal)).toBe(row.normalNCeil);
			for (const n of row.nBelowTargetBetweenMinAndSafe.slice(0, 3)) {
				expect(exactBinomialPower(n, row.winRate, { alpha: 0.05 / row.m })).toBeLessThan(
					row.targetPower
				);
			}
		},
		20_000
	);
});
