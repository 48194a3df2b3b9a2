/**
 * Holm (1979) step-down adjusted p-values, as R's p.adjust(method = 'holm'): sort ascending,
 * multiply the i-th smallest by (m − i + 1), carry the running maximum so the adjusted values
 * stay monotone, cap at 1, and return them in the input order. NaN entries are not tests: they
 * stay NaN and do not count in m (as R treats NA).
 */
export function holmAdjust(pValues: readonly number[]): number[] {
	const order: number[] = [];
	pValues.forEach((p, index) => {
		if (!Number.isNaN(p)) order.push(index);
	});
	order.sort((a, b) => (pValues[a] ?? 0) - (pValues[b] ?? 0));
	const adjusted = pValues.map(() => Number.NaN);
	const m = order.length;
	let runningMax = 0;
	order.forEach((index, rank) => {
		const scaled = Math.min(1, (m - rank) * (pValues[index] ?? 1));
		runningMax = Math.max(runningMax, scaled);
		adjusted[index] = runningMax;
	});
	return adjusted;
}
