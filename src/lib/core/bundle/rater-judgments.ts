// A rater file is untrusted: before any judgment is mapped back and merged, each must agree with
// itself (the winner is the side the overall choice names, and it was not updated before
// it was made) and with the bundle trial it names. Problems name the judgment, its line and the field.
import type { DataIssue, DataLocation } from '../errors';
import type { Judgment } from '../schema';
import type { KeyEntry } from './bundle';

/** What is self-contradictory in one judgment, each with the field at fault. */
export function judgmentContradictions(
	judgment: Judgment
): { field: string; message: string; value?: string }[] {
	const problems: { field: string; message: string; value?: string }[] = [];
	const {
		overall,
		leftEndpointId: left,
		rightEndpointId: right,
		winnerEndpointId: winner
	} = judgment;
	const expected =
		overall === 'left-much-better' || overall === 'left-better'
			? left
			: overall === 'right-much-better' || overall === 'right-better'
				? right
				: null;
	if (winner !== expected) {
		const side = winner === left ? 'the left side' : winner === right ? 'the right side' : winner;
		problems.push({
			field: 'winnerEndpointId',
			message:
				expected === null
					? `names a winner (${side}) although overall is ${overall === null ? 'a skip' : `"${overall}"`}`
					: `must be the ${expected === left ? 'left' : 'right'} side for overall "${overall}", but names ${side ?? 'no winner'}`
		});
	}
	if (judgment.updatedAt < judgment.createdAt)
		problems.push({ field: 'updatedAt', message: 'is earlier than createdAt' });
	return problems;
}

/**
 * Maps a rater's judgment of a bundle trial back to the researcher's trial and endpoints, or says
 * why it cannot be: the trial is not one of the bundle's, or its answer ids or item differ.
 */
export function resolveBundleJudgment(
	judgment: Judgment,
	key: ReadonlyMap<string, KeyEntry>,
	studyId: string,
	location: DataLocation
): { judgment: Judgment } | { issue: DataIssue } {
	const entry = key.get(judgment.trialId);
	const issue = (field: string, message: string) => ({ issue: { ...location, field, message } });
	if (!entry) return issue('trialId', 'names a trial this study’s bundle never held');
	if (judgment.itemId !== entry.source.itemId)
		return issue('itemId', 'is not the prompt item of its trial');
	if (judgment.leftEndpointId !== entry.left)
		return issue('leftEndpointId', 'is not the left answer of its trial');
	if (judgment.rightEndpointId !== entry.right)
		return issue('rightEndpointId', 'is not the right answer of its trial');
	const { source } = entry;
	const winner =
		judgment.winnerEndpointId === null
			? null
			: judgment.winnerEndpointId === entry.left
				? source.leftEndpointId
				: source.rightEndpointId;
	return {
		judgment: {
			...judgment,
			studyId,
			trialId: source.id,
			leftEndpointId: source.leftEndpointId,
			rightEndpointId: source.rightEndpointId,
			winnerEndpointId: winner
		}
	};
}

/**
 * What makes two judgments the same verdict whoever claims it: the trial, every answer, the time
 * spent and the moment it was given. Two raters never share all of these by chance (times are to
 * the millisecond), so a match under another rater id is a relabelled copy.
 */
export function verdictFingerprint(judgment: Judgment): string {
	return JSON.stringify([
		judgment.trialId,
		judgment.overall,
		judgment.skipReason,
		Object.entries(judgment.traitChoices).sort(),
		judgment.flags.left,
		judgment.flags.right,
		judgment.rationale,
		judgment.decisionMs,
		judgment.createdAt
	]);
}
