// Bootstrap intervals for Bradley–Terry ratings. Votes on the same prompt are correlated (same
// question, often the same responses), so the resampling unit is the prompt, not the vote — the
// cluster (hierarchical) bootstrap of Davison & Hinkley (1997, ch. 3). Intervals are percentile
// intervals, as Chatbot Arena reports for its ratings.
import type { Interval, RandomSource } from './types';
import type {
	BradleyTerryFit,
	BradleyTerryOptions,
	PairwiseComparison,
	WinMatrix
} from './bradley-terry';
import { fitBradleyTerryMatrix, playersOf, winMatrix } from './bradley-terry';
import { quantile } from './quantile';

export interface BradleyTerryBootstrapOptions extends BradleyTerryOptions {
	/** Seeded uniform generator on [0, 1), so the intervals are reproducible. */
	random: RandomSource;
	/** Default 200. */
	resamples?: number;
	/** Coverage of the percentile interval; default 0.95. */
	level?: number;
}

export interface BradleyTerryResult extends BradleyTerryFit {
	/** Percentile interval of each player's Elo-scale rating, in `players` order. */
	interval: Interval[];
	winMatrix: WinMatrix;
	resamples: number;
	/** Resamples with no maximum-likelihood fit (only possible with prior 0); left out. */
	failedResamples: number;
}

type Encoded = readonly [i: number, j: number, outcome: PairwiseComparison['outcome']];

export function bradleyTerry(
	comparisons: readonly PairwiseComparison[],
	options: BradleyTerryBootstrapOptions
): BradleyTerryResult {
	const { random, resamples = 200, level = 0.95, ...fitOptions } = options;
	if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
	const players = playersOf(comparisons);
	const matrix = winMatrix(comparisons, players);
	const fit = fitBradleyTerryMatrix(matrix, fitOptions);

	const index = new Map(players.map((player, position) => [player, position]));
	const byItem = new Map<string, Encoded[]>();
	for (const { itemId, a, b, outcome } of comparisons) {
		let list = byItem.get(itemId);
		if (!list) byItem.set(itemId, (list = []));
		list.push([index.get(a) ?? 0, index.get(b) ?? 0, outcome]);
	}
	// Prompts in id order, so the same comparisons in any order draw the same resamples.
	const items = [...byItem.keys()].sort().map((key) => byItem.get(key) ?? []);

	const draws: number[][] = players.map(() => []);
	let failedResamples = 0;
	for (let resample = 0; resample < resamples && items.length > 0; resample++) {
		const sample: WinMatrix = {
			players,
			wins: players.map(() => new Array<number>(players.length).fill(0)),
			ties: players.map(() => new Array<number>(players.length).fill(0))
		};
		for (let draw = 0; draw < items.length; draw++) {
			const picked = items[Math.min(items.length - 1, Math.floor(random() * items.length))];
			for (const [i, j, outcome] of picked ?? []) addEncoded(sample, i, j, outcome);
		}
		try {
			const refit = fitBradleyTerryMatrix(sample, fitOptions);
			refit.elo.forEach((elo, player) => draws[player]?.push(elo));
		} catch (error) {
			if (!(error instanceof RangeError)) throw error;
			failedResamples++;
		}
	}
	const tail = (1 - level) / 2;
	const interval = draws.map((values) => ({
		lower: quantile(values, tail),
		upper: quantile(values, 1 - tail)
	}));
	return { ...fit, interval, winMatrix: matrix, resamples, failedResamples };
}

function addEncoded(matrix: WinMatrix, i: number, j: number, outcome: Encoded[2]): void {
	if (i === j) return;
	const increment = (rows: number[][], row: number, column: number) => {
		const target = rows[row];
		if (target) target[column] = (target[column] ?? 0) + 1;
	};
	if (outcome === 'a') increment(matrix.wins, i, j);
	else if (outcome === 'b') increment(matrix.wins, j, i);
	else {
		increment(matrix.ties, i, j);
		increment(matrix.ties, j, i);
	}
}
