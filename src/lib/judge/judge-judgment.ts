// A reconciled judge verdict as a Judgment: rater kind 'model', the judge's endpoint as its id,
// one judgment per (trial, judge) under a derived id so a rerun replaces rather than adds. A
// position-inconsistent trial gets no verdict: it is stored with that as its skip reason, and
// both readings are kept for the consistency figure.
import {
	POSITION_INCONSISTENT,
	type Reconciled,
	type ScreenVerdict
} from '$lib/core/judge/reconcile';
import { SCHEMA_VERSION, type Judgment, type Trial } from '$lib/core/schema';

export function judgeRaterId(judgeEndpointId: string): string {
	return `judge:${judgeEndpointId}`;
}

export function judgeJudgmentId(judgeEndpointId: string, trialId: string): string {
	return `judge:${judgeEndpointId}:${trialId}`;
}

export function judgeJudgment(input: {
	trial: Trial;
	judgeEndpointId: string;
	shown: ScreenVerdict;
	swapped: ScreenVerdict;
	reconciled: Reconciled;
	app: string;
	decisionMs: number;
	at: string;
}): Judgment {
	const { trial, reconciled } = input;
	const overall = reconciled.overall;
	const winner =
		overall === null || overall === 'tie' || overall === 'both-bad'
			? null
			: overall.startsWith('left')
				? trial.leftEndpointId
				: trial.rightEndpointId;
	return {
		id: judgeJudgmentId(input.judgeEndpointId, trial.id),
		schema: SCHEMA_VERSION,
		app: input.app,
		studyId: trial.studyId,
		trialId: trial.id,
		itemId: trial.itemId,
		raterId: judgeRaterId(input.judgeEndpointId),
		overall,
		skipReason: overall === null ? POSITION_INCONSISTENT : null,
		leftEndpointId: trial.leftEndpointId,
		rightEndpointId: trial.rightEndpointId,
		winnerEndpointId: winner,
		traitChoices: reconciled.traitChoices,
		flags: reconciled.flags,
		rationale: reconciled.rationale.slice(0, 20_000),
		decisionMs: Math.max(0, input.decisionMs),
		raterKind: 'model',
		judgeId: input.judgeEndpointId,
		judgeOrders: {
			shown: { overall: input.shown.overall, traitChoices: input.shown.traitChoices },
			swapped: { overall: input.swapped.overall, traitChoices: input.swapped.traitChoices },
			consistent: reconciled.consistent
		},
		createdAt: input.at,
		updatedAt: input.at
	};
}
