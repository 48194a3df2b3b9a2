// The messages sent for one turn of an item: the endpoint's own system prompt and the item's
// system message, then each earlier user turn followed by THIS model's own earlier answer, then
// the next scripted user turn. Pressure follow-ups stay fair because each model hears its own words.
import type { Message, PromptItem } from './schema';

export function messagesForTurn(
	item: Pick<PromptItem, 'system' | 'turns'>,
	endpointSystemPrompt: string | undefined,
	previousAnswers: readonly string[],
	turnIndex: number
): Message[] {
	const messages: Message[] = [];
	const system = [endpointSystemPrompt?.trim(), item.system?.trim()].filter(Boolean).join('\n\n');
	if (system) messages.push({ role: 'system', content: system });
	for (let turn = 0; turn <= turnIndex; turn++) {
		messages.push({ role: 'user', content: item.turns[turn] ?? '' });
		if (turn < turnIndex)
			messages.push({ role: 'assistant', content: previousAnswers[turn] ?? '' });
	}
	return messages;
}
