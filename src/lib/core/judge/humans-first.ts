// Humans where they count: the trials a model judge is unsure of — it changed its mind when the
// answers were swapped, or two judges disagree — are the ones where a human verdict adds most.
// A study can put them first in every human rater's order; the rest keeps its seeded order, so
// nothing about the order depends on which model wrote which answer.
import type { Judgment } from '../schema';
import { direction } from './reconcile';

type JudgeVerdict = Pick<Judgment, 'trialId' | 'raterKind' | 'overall' | 'judgeOrders'>;

export function doubtfulTrials(verdicts: Iterable<JudgeVerdict>): Set<string> {
	const sides = new Map<string, Set<string>>();
	const doubtful = new Set<string>();
	for (const verdict of verdicts) {
		if (verdict.raterKind !== 'model') continue;
		if (verdict.judgeOrders?.consistent === false || verdict.overall === null) {
			doubtful.add(verdict.trialId);
			continue;
		}
		let seen = sides.get(verdict.trialId);
		if (!seen) sides.set(verdict.trialId, (seen = new Set()));
		seen.add(direction(verdict.overall));
	}
	for (const [trialId, seen] of sides) if (seen.size > 1) doubtful.add(trialId);
	return doubtful;
}

/** The doubtful main trials first; every other trial keeps its place relative to the rest. */
export function humansFirst<T extends { id: string; kind: string }>(
	order: readonly T[],
	doubtful: ReadonlySet<string>
): T[] {
	const first = order.filter((trial) => trial.kind === 'main' && doubtful.has(trial.id));
	const rest = order.filter((trial) => !(trial.kind === 'main' && doubtful.has(trial.id)));
	return [...first, ...rest];
}
