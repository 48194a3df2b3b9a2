// A rater answers about sides; the study asks about endpoints. The translation happens once, when
// the judgment is built, so every stored judgment names its endpoints whatever side they sat on.
import type { Judgment, OverallChoice, Rubric, SideFlag, TraitChoice, Trial } from '../schema';
import { SCHEMA_VERSION } from '../schema/version';
import { traitLabel } from '../schema/vocabulary';

export function winnerOf(
	overall: OverallChoice | null,
	trial: Pick<Trial, 'leftEndpointId' | 'rightEndpointId'>
): string | null {
	if (overall === 'left-much-better' || overall === 'left-better') return trial.leftEndpointId;
	if (overall === 'right-much-better' || overall === 'right-better') return trial.rightEndpointId;
	return null;
}

export interface JudgmentForm {
	overall: OverallChoice | null;
	skipReason: string | null;
	traitChoices: Record<string, TraitChoice>;
	flags: { left: SideFlag[]; right: SideFlag[] };
	rationale: string;
}

export interface JudgmentContext {
	id: string;
	app: string;
	raterId: string;
	decisionMs: number;
	at: string;
}

/** The stored judgment: the rater's side-relative answers plus the endpoints they resolve to. */
export function buildJudgment(
	trial: Pick<Trial, 'id' | 'studyId' | 'itemId' | 'leftEndpointId' | 'rightEndpointId'>,
	form: JudgmentForm,
	context: JudgmentContext
): Judgment {
	return {
		id: context.id,
		schema: SCHEMA_VERSION,
		app: context.app,
		studyId: trial.studyId,
		trialId: trial.id,
		itemId: trial.itemId,
		raterId: context.raterId,
		overall: form.overall,
		skipReason: form.skipReason,
		leftEndpointId: trial.leftEndpointId,
		rightEndpointId: trial.rightEndpointId,
		winnerEndpointId: winnerOf(form.overall, trial),
		traitChoices: { ...form.traitChoices },
		flags: { left: [...form.flags.left], right: [...form.flags.right] },
		rationale: form.rationale,
		decisionMs: Math.max(0, Math.round(context.decisionMs)),
		createdAt: context.at,
		updatedAt: context.at
	};
}

/** What the rater still has to answer before the judgment can be stored, if anything. */
export function missingAnswer(
	asked: { traits: readonly string[]; rationale: Rubric['rationale'] },
	form: Omit<JudgmentForm, 'skipReason'>
): string | undefined {
	if (form.overall === null) return 'Choose which response is better overall (keys 1–5, or 0).';
	const unanswered = asked.traits.filter((trait) => !form.traitChoices[trait]);
	if (unanswered.length)
		return `Answer every trait question (${unanswered.map(traitLabel).join(', ')}).`;
	if (asked.rationale === 'required' && !form.rationale.trim()) {
		return 'This study asks for a short rationale (key n).';
	}
	return undefined;
}
