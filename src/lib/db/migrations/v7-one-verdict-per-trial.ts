// Version 7 holds one verdict per (trial, rater): the commit now refuses a second one. Where an
// older version stored two (two tabs of the same rater judged the same trial), the first one
// committed stays, as the rule would have kept it; the later ones leave the judgments table, so
// results and exports cannot count them, but are kept whole in a settings row, not deleted.
import type { Transaction } from 'dexie';
import { compareRecords } from '$lib/core/codecs/record-order';
import type { Judgment } from '$lib/core/schema';

export const SET_ASIDE_KEY = 'verdicts-set-aside-v7';

export async function upgradeV7OneVerdictPerTrial(transaction: Transaction): Promise<void> {
	const judgments = (await transaction.table('judgments').toArray()) as Judgment[];
	const kept = new Set<string>();
	const setAside: Judgment[] = [];
	for (const judgment of judgments.sort(compareRecords)) {
		const key = `${judgment.trialId}\u0000${judgment.raterId}`;
		if (kept.has(key)) setAside.push(judgment);
		else kept.add(key);
	}
	if (setAside.length === 0) return;
	await transaction.table('judgments').bulkDelete(setAside.map((judgment) => judgment.id));
	await transaction.table('settings').put({ key: SET_ASIDE_KEY, value: setAside });
}
