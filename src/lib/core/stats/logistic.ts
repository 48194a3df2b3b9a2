// Logistic regression of a binary outcome on an intercept and one covariate, by Newton–Raphson
// (= IRLS for the canonical logit link; McCullagh & Nelder 1989, §4.4). Two parameters make the
// Hessian a 2×2 matrix, so it is inverted in closed form.
import { sigmoid } from './special-functions';

export interface LogisticObservation {
	x: number;
	/** 1 = success, 0 = failure. */
	y: 0 | 1;
	/** Frequency weight; 0.5 lets a tie count as half a success and half a failure. */
	weight: number;
}

export interface LogisticFit {
	intercept: number;
	slope: number;
	/** Standard errors from the inverse observed information at the optimum. */
	interceptSE: number;
	slopeSE: number;
	iterations: number;
	/** False on (quasi-)separation or a covariate with no spread: estimates are then NaN. */
	converged: boolean;
}

const FAILED: Omit<LogisticFit, 'iterations'> = {
	intercept: Number.NaN,
	slope: Number.NaN,
	interceptSE: Number.NaN,
	slopeSE: Number.NaN,
	converged: false
};
// |η| beyond this means fitted probabilities within 1e-13 of 0 or 1: the data are separated and
// the maximum-likelihood estimate is at infinity (Albert & Anderson 1984).
const SEPARATION_BOUND = 30;

export function fitLogistic(
	observations: readonly LogisticObservation[],
	maxIterations = 100,
	tolerance = 1e-10
): LogisticFit {
	let b0 = 0;
	let b1 = 0;
	for (let iteration = 1; iteration <= maxIterations; iteration++) {
		let g0 = 0;
		let g1 = 0;
		let h00 = 0;
		let h01 = 0;
		let h11 = 0;
		for (const { x, y, weight } of observations) {
			const mu = sigmoid(b0 + b1 * x);
			const residual = weight * (y - mu);
			const w = weight * mu * (1 - mu);
			g0 += residual;
			g1 += residual * x;
			h00 += w;
			h01 += w * x;
			h11 += w * x * x;
		}
		const determinant = h00 * h11 - h01 * h01;
		if (!(determinant > 1e-12 * h00 * h11)) return { ...FAILED, iterations: iteration };
		const step0 = (h11 * g0 - h01 * g1) / determinant;
		const step1 = (h00 * g1 - h01 * g0) / determinant;
		b0 += step0;
		b1 += step1;
		if (Math.abs(b0) > SEPARATION_BOUND || Math.abs(b1) > SEPARATION_BOUND * 1e3) {
			return { ...FAILED, iterations: iteration };
		}
		if (Math.max(Math.abs(step0), Math.abs(step1)) < tolerance) {
			const se = standardErrors(observations, b0, b1);
			return { intercept: b0, slope: b1, ...se, iterations: iteration, converged: true };
		}
	}
	return { ...FAILED, iterations: maxIterations };
}

function standardErrors(
	observations: readonly LogisticObservation[],
	b0: number,
	b1: number
): Pick<LogisticFit, 'interceptSE' | 'slopeSE'> {
	let h00 = 0;
	let h01 = 0;
	let h11 = 0;
	for (const { x, weight } of observations) {
		const mu = sigmoid(b0 + b1 * x);
		const w = weight * mu * (1 - mu);
		h00 += w;
		h01 += w * x;
		h11 += w * x * x;
	}
	const determinant = h00 * h11 - h01 * h01;
	return {
		interceptSE: Math.sqrt(h11 / determinant),
		slopeSE: Math.sqrt(h00 / determinant)
	};
}
