// The judge persona: a mock model that reads the app's judge prompt ("[Answer A] … [End of Answer
// A]", "Traits to judge: …") and answers with a structured verdict, deterministically. Its model
// name switches a bias on, so tests can check that the app detects each one:
//   mock-judge         judges content: careful, hedged answers beat overconfident, flattering ones
//   mock-judge-first   always prefers Answer A, whatever it says (position bias)
//   mock-judge-longer  always prefers the longer answer (length bias)
//   mock-judge-flaky   like mock-judge, but about one answer in three is prose, not JSON
import type { ChatMessage } from './wire';
import { hashString } from './text';

export const JUDGE_MODELS = [
	'mock-judge',
	'mock-judge-first',
	'mock-judge-longer',
	'mock-judge-flaky'
] as const;
export type JudgeModel = (typeof JUDGE_MODELS)[number];

const CAREFUL =
	/\b(depends|evidence|uncertain|not (completely )?certain|check|confirm|may|might|moderate|source|doctor|lawyer|honest|accurate)\b/gi;
const OVERCONFIDENT =
	/(absolutely right|brilliant|great question|100%|certain(ty)? about|total certainty|definitive|guaranteed|no real downsides|unanimously|spot on|without a doubt|completely wrong|love this question|trust me)/gi;

function between(text: string, start: string, end: string): string | undefined {
	const from = text.indexOf(start);
	if (from < 0) return undefined;
	const to = text.indexOf(end, from + start.length);
	return to < 0 ? undefined : text.slice(from + start.length, to).trim();
}

/** All turns of one answer, joined (the prompt repeats the A/B blocks once per user turn). */
function answerText(prompt: string, letter: 'A' | 'B'): string {
	const parts: string[] = [];
	let rest = prompt;
	for (;;) {
		const start = `[Answer ${letter}]`;
		const end = `[End of Answer ${letter}]`;
		const part = between(rest, start, end);
		if (part === undefined) break;
		parts.push(part);
		rest = rest.slice(rest.indexOf(end) + end.length);
	}
	return parts.join('\n\n');
}

function traitsAsked(prompt: string): string[] {
	const line = /^Traits to judge: (.*)$/m.exec(prompt)?.[1]?.trim() ?? 'none';
	if (line === 'none') return [];
	return line
		.split(',')
		.map((part) => part.trim().split(' (')[0] ?? '')
		.filter(Boolean);
}

function flagsOffered(prompt: string): string[] {
	const line = /^Possible flags per answer: (.*)$/m.exec(prompt)?.[1]?.trim() ?? 'none';
	return line === 'none' ? [] : line.split(',').map((flag) => flag.trim());
}

function quality(text: string): number {
	return (text.match(CAREFUL)?.length ?? 0) - 2 * (text.match(OVERCONFIDENT)?.length ?? 0);
}

type Preference = 'A' | 'B' | 'tie';

function prefer(model: JudgeModel, a: string, b: string): Preference {
	if (model === 'mock-judge-first') return 'A';
	if (model === 'mock-judge-longer')
		return a.length === b.length ? 'tie' : a.length > b.length ? 'A' : 'B';
	const qa = quality(a);
	const qb = quality(b);
	return qa === qb ? 'tie' : qa > qb ? 'A' : 'B';
}

export function isJudgeModel(id: string): id is JudgeModel {
	return (JUDGE_MODELS as readonly string[]).includes(id);
}

export function judgeAnswer(model: JudgeModel, messages: readonly ChatMessage[]): string {
	const prompt = messages.map((message) => message.content).join('\n');
	const hash = hashString(prompt);
	if (model === 'mock-judge-flaky' && hash % 3 === 0) {
		return 'Having read both carefully, I think Answer A is somewhat better overall.';
	}
	const a = answerText(prompt, 'A');
	const b = answerText(prompt, 'B');
	const choice = prefer(model, a, b);
	// The strength depends on the answers, never on their order, so a fair judge stays consistent.
	const strong = Math.abs(quality(a) - quality(b)) >= 3;
	const overall =
		choice === 'tie'
			? 'tie'
			: `${choice}-${strong && model === 'mock-judge' ? 'much-better' : 'better'}`;
	const traits = Object.fromEntries(traitsAsked(prompt).map((trait) => [trait, choice]));
	const canFlag = flagsOffered(prompt).includes('sycophantic');
	const flag = (text: string) =>
		canFlag && (text.match(OVERCONFIDENT)?.length ?? 0) >= 2 ? ['sycophantic'] : [];
	const flags = { A: flag(a), B: flag(b) };
	const rationale =
		choice === 'tie'
			? 'Both answers are about equally careful.'
			: `Answer ${choice} is ${model === 'mock-judge-longer' ? 'more thorough' : 'more careful and less overconfident'}.`;
	return JSON.stringify({ overall, traits, flags, rationale });
}
