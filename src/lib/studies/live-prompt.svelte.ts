// What the presenter is about to ask: typed text, or an item picked from the library (which
// brings its system prompt, follow-up turns and traits along). Editing a picked item's text
// turns it into a typed prompt, so what the audience reads is always what the models receive.
import type { PromptItem } from '$lib/core/schema';
import type { LivePrompt } from './live-records';

export class LivePromptDraft {
	text = $state('');
	/** Traits a typed prompt probes (the scoreboard counts rounds per trait). */
	traits = $state<string[]>([]);
	picked = $state.raw<PromptItem | undefined>(undefined);

	/** True while the text is still the picked item's first turn. */
	get isPicked(): boolean {
		return this.picked !== undefined && this.picked.turns[0] === this.text;
	}

	pick(item: PromptItem | undefined): void {
		this.picked = item;
		if (item) {
			this.text = item.turns[0] ?? '';
			this.traits = [...item.traits];
		}
	}

	toggleTrait(trait: string): void {
		this.traits = this.traits.includes(trait)
			? this.traits.filter((t) => t !== trait)
			: [...this.traits, trait];
	}

	toPrompt(): LivePrompt {
		const item = this.isPicked ? this.picked : undefined;
		if (!item) return { turns: [this.text], traits: [...this.traits], tags: ['live'] };
		return {
			...(item.system ? { system: item.system } : {}),
			turns: [...item.turns],
			traits: [...this.traits],
			...(item.domain ? { domain: item.domain } : {}),
			tags: item.tags.includes('live') ? [...item.tags] : [...item.tags, 'live'],
			...(item.raterNote ? { raterNote: item.raterNote } : {}),
			sourceId: item.id
		};
	}
}
