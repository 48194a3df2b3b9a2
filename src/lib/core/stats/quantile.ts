/**
 * Sample quantile by linear interpolation between order statistics — Hyndman & Fan (1996)
 * type 7, the default of R's quantile() and numpy.percentile — so bootstrap intervals match what
 * researchers get when they recompute them from an export.
 */
export function quantile(values: readonly number[], probability: number): number {
	if (values.length === 0) return Number.NaN;
	if (!(probability >= 0 && probability <= 1)) {
		throw new RangeError(`probability must be in [0, 1], got ${probability}`);
	}
	const sorted = [...values].sort((a, b) => a - b);
	const position = (sorted.length - 1) * probability;
	const below = Math.floor(position);
	const low = sorted[below] ?? Number.NaN;
	if (position === below) return low;
	const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
	return low === high ? low : low + (position - below) * (high - low);
}

export function median(values: readonly number[]): number {
	return quantile(values, 0.5);
}
