// Both orders of one trial brought back to the trial's screen sides, and reconciled. The judge
// read the answers once as shown (A = left) and once swapped (A = right); a verdict that follows
// the answer rather than the position picks the same side both times. Consistent: the verdict
// stands (at the milder strength when the two strengths differ). Inconsistent: no verdict, the
// trial is recorded as position-inconsistent.
import type { OverallChoice, TraitChoice } from '../schema/judgment';
import type { SideFlag } from '../schema/study';
import type { JudgeOrder } from './prompt';
import type { JudgeVerdict } from './verdict';

export const POSITION_INCONSISTENT = 'position-inconsistent';

export interface ScreenVerdict {
	overall: OverallChoice;
	traitChoices: Record<string, TraitChoice>;
	flags: { left: SideFlag[]; right: SideFlag[] };
	rationale: string;
}

const OVERALL_SHOWN: Record<JudgeVerdict['overall'], OverallChoice> = {
	'A-much-better': 'left-much-better',
	'A-better': 'left-better',
	tie: 'tie',
	'B-better': 'right-better',
	'B-much-better': 'right-much-better',
	'both-bad': 'both-bad'
};
const MIRROR: Record<OverallChoice, OverallChoice> = {
	'left-much-better': 'right-much-better',
	'left-better': 'right-better',
	tie: 'tie',
	'right-better': 'left-better',
	'right-much-better': 'left-much-better',
	'both-bad': 'both-bad'
};
const TRAIT_SHOWN: Record<JudgeVerdict['traits'][string], TraitChoice> = {
	A: 'left',
	tie: 'tie',
	B: 'right',
	'both-bad': 'both-bad'
};
const TRAIT_MIRROR: Record<TraitChoice, TraitChoice> = {
	left: 'right',
	tie: 'tie',
	right: 'left',
	'both-bad': 'both-bad'
};

/** A verdict given in one order, in terms of the trial's screen sides. */
export function toScreen(verdict: JudgeVerdict, order: JudgeOrder): ScreenVerdict {
	const swapped = order === 'swapped';
	const overall = OVERALL_SHOWN[verdict.overall];
	const traitChoices: Record<string, TraitChoice> = {};
	for (const [trait, choice] of Object.entries(verdict.traits)) {
		const shown = TRAIT_SHOWN[choice];
		traitChoices[trait] = swapped ? TRAIT_MIRROR[shown] : shown;
	}
	return {
		overall: swapped ? MIRROR[overall] : overall,
		traitChoices,
		flags: swapped
			? { left: [...verdict.flags.B], right: [...verdict.flags.A] }
			: { left: [...verdict.flags.A], right: [...verdict.flags.B] },
		rationale: verdict.rationale
	};
}

/** left / tie / right / both-bad: what must survive the swap. */
export function direction(choice: OverallChoice): 'left' | 'tie' | 'right' | 'both-bad' {
	if (choice.startsWith('left')) return 'left';
	if (choice.startsWith('right')) return 'right';
	return choice as 'tie' | 'both-bad';
}

export interface Reconciled {
	consistent: boolean;
	/** Null when the two orders disagree on the side. */
	overall: OverallChoice | null;
	/** Only traits on which both orders agree. */
	traitChoices: Record<string, TraitChoice>;
	flags: { left: SideFlag[]; right: SideFlag[] };
	rationale: string;
}

const union = (x: readonly SideFlag[], y: readonly SideFlag[]) => [...new Set([...x, ...y])].sort();

export function reconcile(shown: ScreenVerdict, swapped: ScreenVerdict): Reconciled {
	const consistent = direction(shown.overall) === direction(swapped.overall);
	let overall: OverallChoice | null = null;
	if (consistent) {
		// Same side, different strength: keep the weaker claim both readings support.
		overall = shown.overall.includes('much') ? swapped.overall : shown.overall;
	}
	const traitChoices: Record<string, TraitChoice> = {};
	for (const [trait, choice] of Object.entries(shown.traitChoices)) {
		if (swapped.traitChoices[trait] === choice) traitChoices[trait] = choice;
	}
	return {
		consistent,
		overall,
		traitChoices,
		flags: {
			left: union(shown.flags.left, swapped.flags.left),
			right: union(shown.flags.right, swapped.flags.right)
		},
		rationale: [shown.rationale, swapped.rationale].filter(Boolean).join('\n\n')
	};
}
