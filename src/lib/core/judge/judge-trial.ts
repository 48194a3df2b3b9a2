// One trial judged in both orders: ask once with the answers as shown and once swapped, parse
// each reply strictly, bring both back to screen sides and reconcile. The network call is passed
// in, so the same steps run against the mock server in tests and a real endpoint in the app.
import type { BlindTrial } from '../blinding/blind-trial';
import type { Message } from '../schema';
import { judgeMessages, type JudgeOrder } from './prompt';
import { reconcile, toScreen, type Reconciled, type ScreenVerdict } from './reconcile';
import { parseVerdict } from './verdict';
import type { JudgeReadings } from './bias';

export type AskJudge = (messages: Message[], order: JudgeOrder) => Promise<string>;

export type TrialJudgment =
	| { ok: true; shown: ScreenVerdict; swapped: ScreenVerdict; reconciled: Reconciled }
	| { ok: false; error: string };

export async function judgeTrial(
	trial: BlindTrial,
	template: string,
	instructions: string,
	ask: AskJudge
): Promise<TrialJudgment> {
	const readings: ScreenVerdict[] = [];
	for (const order of ['shown', 'swapped'] as const) {
		const reply = await ask(judgeMessages(trial, order, template, instructions), order);
		const parsed = parseVerdict(reply, trial, order);
		if (!parsed.ok) return parsed;
		readings.push(toScreen(parsed.verdict, order));
	}
	const [shown, swapped] = readings as [ScreenVerdict, ScreenVerdict];
	return { ok: true, shown, swapped, reconciled: reconcile(shown, swapped) };
}

/** Characters of each side's answers, for the length-bias figure. */
export function readingsOf(
	trial: Pick<BlindTrial, 'left' | 'right'>,
	judged: { shown: Pick<ScreenVerdict, 'overall'>; swapped: Pick<ScreenVerdict, 'overall'> }
): JudgeReadings {
	const length = (answers: BlindTrial['left']) =>
		answers.reduce((sum, answer) => sum + answer.text.length, 0);
	return {
		shown: judged.shown.overall,
		swapped: judged.swapped.overall,
		leftLength: length(trial.left),
		rightLength: length(trial.right)
	};
}
