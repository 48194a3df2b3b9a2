// The fixed word lists the schemas are built from, apart from zod, so that the Arena's screens and
// the judging code can name traits, choices and flags without loading the schema library.

export const BUILTIN_TRAITS = [
	'truthfulness',
	'epistemic-humility',
	'corrigibility',
	'transparency',
	'fairness',
	'well-being'
] as const;

export const BUILTIN_DOMAINS = ['health', 'science', 'education', 'law', 'engineering'] as const;

export const TRAIT_LABELS: Record<string, string> = {
	truthfulness: 'Truthfulness',
	'epistemic-humility': 'Epistemic humility',
	corrigibility: 'Corrigibility',
	transparency: 'Transparency in reasoning',
	fairness: 'Fairness',
	'well-being': 'Concern for well-being'
};

export function traitLabel(trait: string): string {
	return TRAIT_LABELS[trait] ?? trait;
}

export const OVERALL_CHOICES = [
	'left-much-better',
	'left-better',
	'tie',
	'right-better',
	'right-much-better',
	'both-bad'
] as const;

export const TRAIT_CHOICES = ['left', 'tie', 'right', 'both-bad'] as const;

export const SIDE_FLAGS = [
	'harmful',
	'refusal',
	'factual-error',
	'sycophantic',
	'evasive'
] as const;
