// Version 6 adds judgment segments (see repos/judgment-segments.ts), built from the rows.
import type { Transaction } from 'dexie';
import type { Judgment } from '$lib/core/schema';
import { segmentsOf } from '../repos/judgment-segments';

export async function upgradeV6JudgmentSegments(transaction: Transaction): Promise<void> {
	const judgments = (await transaction.table('judgments').toArray()) as Judgment[];
	await transaction.table('judgmentSegments').bulkAdd(segmentsOf(judgments));
}
