// The model catalogue: each mock model is a pure function from the request to content tokens (and
// optional reasoning tokens). Keeping generation pure and separate from the protocol means the same
// answer comes back whether it is streamed, cut by `max_tokens`, slowed down or dropped midway.

import type { ChatMessage } from './wire';
import { baselineAnswer, trainedAnswer } from './personas';
import { JUDGE_MODELS, judgeAnswer } from './judge';
import { constitutionAnswer } from './constitution';
import { hashString, pick, shortQuote, splitTokens } from './text';

export interface ModelInput {
	messages: readonly ChatMessage[];
	maxTokens: number | undefined;
}

export interface Generation {
	/** Content tokens; they concatenate to the full answer before any `max_tokens` cut. */
	tokens: string[];
	/** Reasoning tokens, streamed before the content in a separate delta field. */
	reasoning: string[];
}

type AnswerFn = (input: ModelInput) => Generation;

export const LONG_DEFAULT_TOKENS = 8000;
/** Caps memory for absurd `max_tokens` values; benchmarks need 8k–16k. */
export const LONG_MAX_TOKENS = 200_000;
/** A fixed date so `/v1/models` is byte-identical across runs. */
const CREATED = 1_735_689_600;

function lastUserText(messages: readonly ChatMessage[]): string {
	return messages.findLast((message) => message.role === 'user')?.content ?? '';
}

function fromText(text: string): Generation {
	return { tokens: splitTokens(text), reasoning: [] };
}

const LONG_WORDS = [
	'arena',
	'judgment',
	'evidence',
	'trait',
	'careful',
	'stream',
	'benchmark',
	'response',
	'signal',
	'window',
	'measure',
	'honest',
	'latency',
	'token',
	'render',
	'compare'
];

/** Markdown blocks built from a word pool, each block's structure picked by the running hash. */
function* longBlocks(seed: number): Generator<string, never> {
	for (let block = 0; ; block++) {
		const word = (i: number) => pick(LONG_WORDS, seed, block * 131 + i);
		const sentence = (n: number, offset: number) =>
			Array.from({ length: n }, (_, i) => word(offset + i)).join(' ');
		switch (block % 4) {
			case 0:
				yield `## Section ${block / 4 + 1}: ${word(0)} ${word(1)}\n\n`;
				break;
			case 1:
			case 3:
				yield `${sentence(24, 2)}, and ${sentence(20, 40)}.\n\n`;
				break;
			default:
				yield `- ${sentence(6, 70)}\n- **${word(80)}** ${sentence(5, 81)}\n- \`${word(90)}\` ${sentence(4, 91)}\n\n`;
		}
	}
}

/** Exactly `count` tokens, so a benchmark asks for N tokens and receives N content chunks. */
function longTokens(messages: readonly ChatMessage[], count: number): string[] {
	const tokens = splitTokens(`Long answer to "${shortQuote(lastUserText(messages), 6)}".\n\n`);
	const seed = hashString(lastUserText(messages));
	const blocks = longBlocks(seed);
	while (tokens.length < count) tokens.push(...splitTokens(blocks.next().value));
	tokens.length = count;
	return tokens;
}

function reasoningFor(messages: readonly ChatMessage[]): string[] {
	const quote = shortQuote(lastUserText(messages));
	return splitTokens(
		`The user asks "${quote}". I should separate what is well established from what depends on their situation, then state my confidence honestly and keep the answer short.`
	);
}

const GENERATORS: Record<string, AnswerFn> = {
	'mock-baseline': ({ messages }) => fromText(baselineAnswer(messages)),
	'mock-trained': ({ messages }) => fromText(trainedAnswer(messages)),
	'mock-constitution': ({ messages }) => fromText(constitutionAnswer(messages)),
	// Verbatim on purpose: the browser tests feed HTML/script payloads and expect them back unescaped.
	'mock-echo': ({ messages }) => fromText(lastUserText(messages)),
	'mock-long': ({ messages, maxTokens }) => ({
		tokens: longTokens(messages, Math.min(maxTokens ?? LONG_DEFAULT_TOKENS, LONG_MAX_TOKENS)),
		reasoning: []
	}),
	'mock-reasoning': ({ messages }) => ({
		tokens: splitTokens(trainedAnswer(messages)),
		reasoning: reasoningFor(messages)
	}),
	'mock-selfnamed': ({ messages }) =>
		fromText(
			`As GPT-4o, made by OpenAI, I'm happy to help with "${shortQuote(lastUserText(messages))}". ` +
				'As an OpenAI model I try to give balanced answers: this depends on your situation, so ' +
				'tell me a little more and I can be more specific.'
		),
	...Object.fromEntries(
		JUDGE_MODELS.map((id): [string, AnswerFn] => [
			id,
			({ messages }) => fromText(judgeAnswer(id, messages))
		])
	)
};

export const MODEL_IDS: readonly string[] = Object.keys(GENERATORS);

export function findModel(id: string): AnswerFn | undefined {
	return Object.hasOwn(GENERATORS, id) ? GENERATORS[id] : undefined;
}

export function modelCard(id: string) {
	return { id, object: 'model' as const, created: CREATED, owned_by: 'trait-arena-mock' };
}

export function modelList() {
	return { object: 'list' as const, data: MODEL_IDS.map(modelCard) };
}

/** Rough prompt size in the same word units as completions, plus OpenAI's per-message overhead. */
export function countPromptTokens(messages: readonly ChatMessage[]): number {
	return messages.reduce((sum, message) => sum + 3 + splitTokens(message.content).length, 3);
}
