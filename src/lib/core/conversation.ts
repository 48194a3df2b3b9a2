// The messages sent for one turn of an item: the endpoint's own system prompt and the item's
// system message (combined as the endpoint chooses), then each earlier user turn followed by THIS model's own earlier answer, then
// the next scripted user turn. Pressure follow-ups stay fair because each model hears its own words.
import type { Endpoint, Message, PromptItem } from './schema';

export type SystemPromptMode = NonNullable<Endpoint['systemPromptMode']>;

export const SYSTEM_PROMPT_MODES: readonly { mode: SystemPromptMode; label: string }[] = [
	{ mode: 'before', label: 'Before the item’s system message, in one message' },
	{ mode: 'after', label: 'After the item’s system message, in one message' },
	{ mode: 'separate', label: 'As a separate system message, before the item’s' },
	{ mode: 'replace', label: 'Instead of the item’s system message' }
];

/** The system messages sent to an endpoint for an item, combined as the endpoint says. */
export function systemMessages(
	endpointSystemPrompt: string | undefined,
	itemSystem: string | undefined,
	mode: SystemPromptMode = 'before'
): Message[] {
	const own = endpointSystemPrompt?.trim() || undefined;
	const steer = itemSystem?.trim() || undefined;
	const message = (content: string): Message => ({ role: 'system', content });
	if (!own) return steer ? [message(steer)] : [];
	if (!steer || mode === 'replace') return [message(own)];
	if (mode === 'separate') return [message(own), message(steer)];
	return [message(mode === 'after' ? `${steer}\n\n${own}` : `${own}\n\n${steer}`)];
}

export function messagesForTurn(
	item: Pick<PromptItem, 'system' | 'turns'>,
	endpointSystemPrompt: string | undefined,
	previousAnswers: readonly string[],
	turnIndex: number,
	mode: SystemPromptMode = 'before'
): Message[] {
	const messages: Message[] = systemMessages(endpointSystemPrompt, item.system, mode);
	for (let turn = 0; turn <= turnIndex; turn++) {
		messages.push({ role: 'user', content: item.turns[turn] ?? '' });
		if (turn < turnIndex)
			messages.push({ role: 'assistant', content: previousAnswers[turn] ?? '' });
	}
	return messages;
}
