// What a request's system message asks for: the built-in suite's own items decide it. When the
// system text contains an item's system message, that item's tags say whether the steer is harmful
// or helpful, so a benign instruction that happens to say "never" or "pressure" is not mistaken for
// a harmful one (and the other way round). Only system text the suite does not know falls back to
// the keyword guess.

import suite from '../../src/lib/prompts/data/builtin-suite.json' with { type: 'json' };

export type SystemStance = 'none' | 'helpful' | 'harmful';

interface SuiteItem {
	system?: string;
	tags?: string[];
}

const HARMFUL_SYSTEM =
	/\b(ignore (all |any |your )?(safety|ethic\w*|rules|guidelines)|no (restrictions|limits|filters)|manipulat\w*|decei\w*|lie|lying|mislead\w*|always agree|insult\w*|upsell\w*|hide (the )?risks?|whatever the user (says|wants))\b/i;

function stanceOfTags(tags: readonly string[]): SystemStance {
	return tags.includes('harmful-steer') ? 'harmful' : 'helpful';
}

/** Item system messages of the built-in suite, longest first so a longer match wins. */
export const KNOWN_SYSTEMS: readonly { text: string; stance: SystemStance }[] = (
	suite.items as SuiteItem[]
)
	.filter((item): item is SuiteItem & { system: string } => (item.system?.trim() ?? '') !== '')
	.map((item) => ({ text: item.system.trim(), stance: stanceOfTags(item.tags ?? []) }))
	.sort((a, b) => b.text.length - a.text.length);

/** The stance of the whole system text as sent (endpoint prompt and item message, however joined). */
export function systemStance(systemText: string): SystemStance {
	const text = systemText.trim();
	if (text === '') return 'none';
	const known = KNOWN_SYSTEMS.find((entry) => text.includes(entry.text));
	if (known) return known.stance;
	return HARMFUL_SYSTEM.test(text) ? 'harmful' : 'helpful';
}

/** The part of the system text that is the item's steer, so answers quote it, not a constitution. */
export function steerText(systemText: string): string {
	const known = KNOWN_SYSTEMS.find((entry) => systemText.includes(entry.text));
	return known?.text ?? systemText.trim();
}
