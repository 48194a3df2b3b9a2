// Length and position control in the manner of Chatbot Arena's style control (LMSYS, "Does
// style matter?", 2024): a logistic regression of "A won" (decisive votes) on the standardised
// length difference and on whether A was shown on the left. The controlled win rate is the
// model's prediction at equal length with the position averaged out, σ(β₀ + ½·β_left). Its
// interval uses the delta method with a sandwich variance clustered by prompt (statsmodels'
// Logit cov_type='cluster', factor G/(G−1)·(N−1)/(N−K)).
import type { Interval } from './types';
import { sigmoid, Z_95 } from './special-functions';

export interface StyleVote {
	itemId: string;
	/** 1, 0.5 or 0 from A's point of view; ties join the length scale but not the fit. */
	score: number;
	/** Characters of A's answers minus B's. */
	charsDiff: number;
	aOnLeft: boolean;
}

export interface StyleControl {
	nDecisive: number;
	/** [const, lengthDiff, left] */
	coef: number[];
	se: number[];
	seClustered: number[];
	/** SD (population) of charsDiff over the scored votes: one unit of lengthDiff. */
	lengthScale: number;
	/** σ(β₀ + ½β_left): equal length, position averaged. */
	winRate: number;
	/** Delta-method interval, clustered by prompt. */
	interval: Interval;
	/** Same, with the model-based (independent votes) variance. */
	naiveInterval: Interval;
	converged: boolean;
}

type Matrix = number[][];

function invert(matrix: Matrix): Matrix | undefined {
	const n = matrix.length;
	const a = matrix.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
	for (let col = 0; col < n; col++) {
		let pivot = col;
		for (let row = col + 1; row < n; row++) {
			if (Math.abs(a[row]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = row;
		}
		const p = a[pivot] as number[];
		if (!(Math.abs(p[col] ?? 0) > 1e-300)) return undefined;
		[a[col], a[pivot]] = [p, a[col] as number[]];
		const lead = a[col] as number[];
		const scale = lead[col] as number;
		for (let j = 0; j < 2 * n; j++) lead[j] = (lead[j] as number) / scale;
		for (let row = 0; row < n; row++) {
			if (row === col) continue;
			const current = a[row] as number[];
			const factor = current[col] as number;
			for (let j = 0; j < 2 * n; j++)
				current[j] = (current[j] as number) - factor * (lead[j] as number);
		}
	}
	return a.map((row) => row.slice(n));
}

function multiply(x: Matrix, y: Matrix): Matrix {
	return x.map((row) =>
		(y[0] ?? []).map((_, j) => row.reduce((sum, value, l) => sum + value * (y[l]?.[j] ?? 0), 0))
	);
}

const quad = (a: number[], m: Matrix) =>
	a.reduce(
		(sum, ai, i) => sum + ai * a.reduce((inner, aj, j) => inner + (m[i]?.[j] ?? 0) * aj, 0),
		0
	);

const FAILED_INTERVAL = { lower: Number.NaN, upper: Number.NaN };

export function styleControl(votes: readonly StyleVote[], z = Z_95): StyleControl {
	const scored = votes.filter((vote) => !Number.isNaN(vote.score));
	const meanDiff = scored.reduce((sum, vote) => sum + vote.charsDiff, 0) / scored.length;
	const lengthScale = Math.sqrt(
		scored.reduce((sum, vote) => sum + (vote.charsDiff - meanDiff) ** 2, 0) / scored.length
	);
	const decisive = scored.filter((vote) => vote.score !== 0.5);
	const x = decisive.map((vote) => [1, vote.charsDiff / lengthScale, vote.aOnLeft ? 1 : 0]);
	const y = decisive.map((vote) => (vote.score === 1 ? 1 : 0));
	const k = 3;
	const failed: StyleControl = {
		nDecisive: decisive.length,
		coef: [NaN, NaN, NaN],
		se: [NaN, NaN, NaN],
		seClustered: [NaN, NaN, NaN],
		lengthScale,
		winRate: NaN,
		interval: FAILED_INTERVAL,
		naiveInterval: FAILED_INTERVAL,
		converged: false
	};
	if (!(lengthScale > 0) || decisive.length <= k) return failed;
	let beta = [0, 0, 0];
	let cov: Matrix | undefined;
	let converged = false;
	for (let iteration = 0; iteration < 100; iteration++) {
		const gradient = [0, 0, 0];
		const hessian: Matrix = [
			[0, 0, 0],
			[0, 0, 0],
			[0, 0, 0]
		];
		x.forEach((row, index) => {
			const mu = sigmoid(row.reduce((sum, value, j) => sum + value * (beta[j] as number), 0));
			const w = mu * (1 - mu);
			for (let i = 0; i < k; i++) {
				gradient[i] = (gradient[i] as number) + (row[i] as number) * ((y[index] as number) - mu);
				for (let j = 0; j < k; j++) {
					const h = hessian[i] as number[];
					h[j] = (h[j] as number) + w * (row[i] as number) * (row[j] as number);
				}
			}
		});
		cov = invert(hessian);
		if (!cov) return failed;
		const step = cov.map((row) =>
			row.reduce((sum, value, j) => sum + value * (gradient[j] as number), 0)
		);
		beta = beta.map((value, i) => value + (step[i] as number));
		if (beta.some((value) => Math.abs(value) > 30)) return failed;
		if (Math.max(...step.map(Math.abs)) < 1e-12) {
			converged = true;
			break;
		}
	}
	if (!cov || !converged) return failed;
	// Recompute the information at the optimum for the variances.
	const hessian: Matrix = [
		[0, 0, 0],
		[0, 0, 0],
		[0, 0, 0]
	];
	const scores = new Map<string, number[]>();
	x.forEach((row, index) => {
		const mu = sigmoid(row.reduce((sum, value, j) => sum + value * (beta[j] as number), 0));
		const w = mu * (1 - mu);
		const item = decisive[index]?.itemId ?? '';
		const u = scores.get(item) ?? [0, 0, 0];
		for (let i = 0; i < k; i++) {
			u[i] = (u[i] as number) + (row[i] as number) * ((y[index] as number) - mu);
			for (let j = 0; j < k; j++) {
				const h = hessian[i] as number[];
				h[j] = (h[j] as number) + w * (row[i] as number) * (row[j] as number);
			}
		}
		scores.set(item, u);
	});
	const bread = invert(hessian) as Matrix;
	const g = scores.size;
	const n = decisive.length;
	const meat: Matrix = [
		[0, 0, 0],
		[0, 0, 0],
		[0, 0, 0]
	];
	for (const key of [...scores.keys()].sort()) {
		const u = scores.get(key) as number[];
		for (let i = 0; i < k; i++) {
			for (let j = 0; j < k; j++) {
				const m = meat[i] as number[];
				m[j] = (m[j] as number) + (u[i] as number) * (u[j] as number);
			}
		}
	}
	const factor = g > 1 ? ((g / (g - 1)) * (n - 1)) / (n - k) : NaN;
	// Sandwich: bread · meat · bread, scaled by the small-sample factor.
	const clustered = multiply(multiply(bread, meat), bread).map((row) =>
		row.map((value) => factor * value)
	);
	const a = [1, 0, 0.5];
	const eta = (beta[0] as number) + 0.5 * (beta[2] as number);
	const interval = (variance: number): Interval => {
		const s = Math.sqrt(variance);
		return Number.isFinite(s)
			? { lower: sigmoid(eta - z * s), upper: sigmoid(eta + z * s) }
			: FAILED_INTERVAL;
	};
	return {
		nDecisive: n,
		coef: beta,
		se: bread.map((row, i) => Math.sqrt(row[i] as number)),
		seClustered: clustered.map((row, i) => Math.sqrt(row[i] as number)),
		lengthScale,
		winRate: sigmoid(eta),
		interval: interval(quad(a, clustered)),
		naiveInterval: interval(quad(a, bread)),
		converged
	};
}
