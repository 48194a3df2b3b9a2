// Intercept-only GEE for the share of decisive votes A wins, logit link, exchangeable working
// correlation within prompts, robust (sandwich) standard error (Liang & Zeger 1986). With one
// parameter the estimating equations have a closed-form step, so the fit is the fixed point of
// (mean given correlation, correlation given mean) with statsmodels' moment estimators. It is a
// cross-check on the cluster-robust mean, reported in the CLI next to it.
import type { Interval } from './types';
import { sigmoid, Z_95 } from './special-functions';

export interface GeeFit {
	nDecisive: number;
	intercept: number;
	seRobust: number;
	correlation: number;
	winProbability: number;
	interval: Interval;
	converged: boolean;
}

export function geeExchangeable(
	decisive: readonly { itemId: string; won: boolean }[],
	z = Z_95
): GeeFit {
	const byItem = new Map<string, { wins: number; count: number }>();
	for (const { itemId, won } of decisive) {
		const entry = byItem.get(itemId) ?? { wins: 0, count: 0 };
		entry.wins += won ? 1 : 0;
		entry.count++;
		byItem.set(itemId, entry);
	}
	const groups = [...byItem.keys()]
		.sort()
		.map((key) => byItem.get(key) as { wins: number; count: number });
	const n = decisive.length;
	let pairs = 0;
	for (const { count } of groups) pairs += (count * (count - 1)) / 2;
	const meanFor = (alpha: number) => {
		let num = 0;
		let den = 0;
		for (const { wins, count } of groups) {
			const w = 1 / (1 + (count - 1) * alpha);
			num += w * wins;
			den += w * count;
		}
		return num / den;
	};
	let alpha = 0;
	let mu = meanFor(alpha);
	let converged = false;
	for (let iteration = 0; iteration < 500 && mu > 0 && mu < 1; iteration++) {
		const sd = Math.sqrt(mu * (1 - mu));
		const r1 = (1 - mu) / sd;
		const r0 = -mu / sd;
		let phi = 0;
		let cross = 0;
		for (const { wins, count } of groups) {
			const losses = count - wins;
			const rs = wins * r1 + losses * r0;
			const rss = wins * r1 * r1 + losses * r0 * r0;
			phi += rss;
			cross += (rs * rs - rss) / 2;
		}
		phi /= n - 1;
		const next = pairs > 1 ? cross / (phi * (pairs - 1)) : 0;
		const done = Math.abs(next - alpha) < 1e-15;
		alpha = next;
		mu = meanFor(alpha);
		if (done) {
			converged = true;
			break;
		}
	}
	let numerator = 0;
	let information = 0;
	for (const { wins, count } of groups) {
		const w = 1 / (1 + (count - 1) * alpha);
		numerator += w * w * (wins - count * mu) ** 2;
		information += w * count;
	}
	const intercept = Math.log(mu / (1 - mu));
	const seRobust = Math.sqrt(numerator) / (mu * (1 - mu) * information);
	return {
		nDecisive: n,
		intercept,
		seRobust,
		correlation: alpha,
		winProbability: mu,
		interval: {
			lower: sigmoid(intercept - z * seRobust),
			upper: sigmoid(intercept + z * seRobust)
		},
		converged
	};
}
