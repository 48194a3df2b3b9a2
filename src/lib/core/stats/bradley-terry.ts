// Bradley–Terry (1952) ratings for more than two endpoints: P(i beats j) = p_i / (p_i + p_j).
// Fitted by the MM algorithm of Hunter (2004), "MM algorithms for generalized Bradley–Terry
// models", Ann. Statist. 32(1): p_i ← W_i / Σ_j n_ij / (p_i + p_j), which increases the
// likelihood at every step and needs no step-size tuning. Ties count as half a win for each side.

export type PairOutcome = 'a' | 'b' | 'tie';

export interface PairwiseComparison {
	/** The prompt; bootstrap resamples whole prompts so correlated votes stay together. */
	itemId: string;
	a: string;
	b: string;
	outcome: PairOutcome;
}

export interface WinMatrix {
	players: string[];
	/** wins[i][j]: how many times players[i] beat players[j]. */
	wins: number[][];
	/** ties[i][j] = ties[j][i]: ties between the two. */
	ties: number[][];
}

export interface BradleyTerryOptions {
	/**
	 * Virtual ties each player gets against a reference player of strength 1, a prior in the
	 * manner of BayesElo's virtual draws (Coulom). It keeps ratings finite when a player never
	 * won; 0 gives the plain maximum-likelihood fit, which then must exist (else RangeError).
	 */
	prior?: number;
	/** Player reported at strength 1 / Elo 1000; default: the geometric mean of all players. */
	anchor?: string;
	maxIterations?: number;
	/** Stop when no log-strength moves more than this in a sweep. */
	tolerance?: number;
}

export interface BradleyTerryFit {
	players: string[];
	/** Strengths, scaled so the anchor (or the geometric mean) is 1. */
	strength: number[];
	/** 1000 + 400·log10(strength): a gap of 400 means odds of 10 to 1. */
	elo: number[];
	iterations: number;
	converged: boolean;
}

export const DEFAULT_PRIOR = 1;

export function playersOf(comparisons: Iterable<PairwiseComparison>): string[] {
	const players = new Set<string>();
	for (const { a, b } of comparisons) {
		players.add(a);
		players.add(b);
	}
	return [...players].sort();
}

function square(size: number): number[][] {
	return Array.from({ length: size }, () => new Array<number>(size).fill(0));
}

export function winMatrix(
	comparisons: Iterable<PairwiseComparison>,
	players: readonly string[] = playersOf(comparisons)
): WinMatrix {
	const index = new Map(players.map((player, position) => [player, position]));
	const wins = square(players.length);
	const ties = square(players.length);
	for (const { a, b, outcome } of comparisons) {
		const i = index.get(a);
		const j = index.get(b);
		if (i === undefined || j === undefined) throw new RangeError(`unknown player in ${a} vs ${b}`);
		if (i === j) continue;
		const rowI = wins[i] ?? [];
		const rowJ = wins[j] ?? [];
		if (outcome === 'a') rowI[j] = (rowI[j] ?? 0) + 1;
		else if (outcome === 'b') rowJ[i] = (rowJ[i] ?? 0) + 1;
		else {
			const tieI = ties[i] ?? [];
			const tieJ = ties[j] ?? [];
			tieI[j] = (tieI[j] ?? 0) + 1;
			tieJ[i] = (tieJ[i] ?? 0) + 1;
		}
	}
	return { players: [...players], wins, ties };
}

const at = (matrix: number[][], i: number, j: number): number => matrix[i]?.[j] ?? 0;

/**
 * Hunter (2004), Assumption 1: the maximum-likelihood strengths exist iff, for every split of
 * the players in two, someone in each part has scored (won or tied) against the other part —
 * i.e. the "scored against" digraph is strongly connected.
 */
export function mleExists(matrix: WinMatrix): boolean {
	const size = matrix.players.length;
	if (size <= 1) return true;
	const scored = (i: number, j: number) => at(matrix.wins, i, j) + at(matrix.ties, i, j) > 0;
	const reaches = (forward: boolean): boolean => {
		const seen = new Array<boolean>(size).fill(false);
		const stack = [0];
		seen[0] = true;
		while (stack.length > 0) {
			const i = stack.pop() ?? 0;
			for (let j = 0; j < size; j++) {
				if (!seen[j] && (forward ? scored(i, j) : scored(j, i))) {
					seen[j] = true;
					stack.push(j);
				}
			}
		}
		return seen.every(Boolean);
	};
	return reaches(true) && reaches(false);
}

export function fitBradleyTerryMatrix(
	matrix: WinMatrix,
	options: BradleyTerryOptions = {}
): BradleyTerryFit {
	const { prior = DEFAULT_PRIOR, anchor, maxIterations = 100_000, tolerance = 1e-12 } = options;
	if (!(prior >= 0)) throw new RangeError(`prior must be ≥ 0, got ${prior}`);
	const { players } = matrix;
	const size = players.length;
	if (prior === 0 && !mleExists(matrix)) {
		throw new RangeError(
			'Bradley–Terry maximum likelihood does not exist: some players never scored against ' +
				'the rest (use prior > 0)'
		);
	}
	const score = players.map((_, i) => {
		let total = prior / 2;
		for (let j = 0; j < size; j++) total += at(matrix.wins, i, j) + at(matrix.ties, i, j) / 2;
		return total;
	});
	const games = players.map((_, i) =>
		players.map((__, j) => at(matrix.wins, i, j) + at(matrix.wins, j, i) + at(matrix.ties, i, j))
	);
	const strength = new Array<number>(size).fill(1);
	let iterations = 0;
	let converged = size <= 1;
	while (!converged && iterations < maxIterations) {
		iterations++;
		let largestStep = 0;
		// One strength at a time with the others fixed is still a minorize–maximize step for that
		// coordinate, so the likelihood keeps rising, and fresh values speed up the next ones.
		for (let i = 0; i < size; i++) {
			const own = strength[i] ?? 1;
			let denominator = prior / (own + 1);
			const row = games[i] ?? [];
			for (let j = 0; j < size; j++) {
				const n = row[j] ?? 0;
				if (n > 0 && j !== i) denominator += n / (own + (strength[j] ?? 1));
			}
			const next = (score[i] ?? 0) / denominator;
			largestStep = Math.max(largestStep, Math.abs(Math.log(next / own)));
			strength[i] = next;
		}
		if (prior === 0) {
			// Without a prior only ratios are identified; pin the scale so iterates cannot drift.
			rescale(strength, geometricMean(strength));
		} else {
			// Real games do not see a common scale factor, only the weak prior does, so MM creeps
			// along that direction; maximising over it exactly each sweep removes the slow mode.
			const step = priorScaleStep(strength);
			largestStep = Math.max(largestStep, Math.abs(step));
			rescale(strength, Math.exp(-step));
		}
		converged = largestStep < tolerance;
	}
	const anchorIndex = anchor === undefined ? -1 : players.indexOf(anchor);
	if (anchor !== undefined && anchorIndex < 0) throw new RangeError(`unknown anchor ${anchor}`);
	rescale(strength, anchorIndex >= 0 ? (strength[anchorIndex] ?? 1) : geometricMean(strength));
	return {
		players: [...players],
		strength,
		elo: strength.map(toElo),
		iterations,
		converged
	};
}

export function fitBradleyTerry(
	comparisons: readonly PairwiseComparison[],
	options: BradleyTerryOptions = {}
): BradleyTerryFit {
	return fitBradleyTerryMatrix(winMatrix(comparisons), options);
}

export function toElo(strength: number): number {
	return 1000 + 400 * Math.log10(strength);
}

/**
 * ln s maximising the prior's likelihood Σ_i [½·ln(s·p_i / (1 + s·p_i)) + ½·ln(1 / (1 + s·p_i))]:
 * the root of Σ_i σ(u + ln p_i) = P/2, found by Newton's method (the left side is increasing).
 */
function priorScaleStep(strength: readonly number[]): number {
	const logs = strength.map(Math.log);
	let u = 0;
	for (let iteration = 0; iteration < 50; iteration++) {
		let value = -strength.length / 2;
		let slope = 0;
		for (const logP of logs) {
			const share = 1 / (1 + Math.exp(-(u + logP)));
			value += share;
			slope += share * (1 - share);
		}
		const step = value / slope;
		u -= step;
		if (Math.abs(step) < 1e-15) break;
	}
	return u;
}

function geometricMean(values: readonly number[]): number {
	if (values.length === 0) return 1;
	return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}

function rescale(values: number[], divisor: number): void {
	for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 1) / divisor;
}
