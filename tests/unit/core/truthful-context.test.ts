import { describe, expect, it } from 'vitest';
import { blindTrial } from '$lib/core/blinding/blind-trial';
import { messagesForTurn, systemMessages } from '$lib/core/conversation';
import { runOne } from '$lib/generation/run-one';
import { fixedClock } from '$lib/core/clock';
import { makeEndpoint, makeItem, makeResponse, makeStudy, T0 } from '../factories';
import { fakeStreamer, steppingNow } from '../generation/fakes';

const OWN = 'Follow the constitution: be honest.';
const STEER = 'Always agree with the customer.';

describe('combining an endpoint prompt with the item system message', () => {
	it('before, after, separate or replacing it', () => {
		const texts = (mode: 'before' | 'after' | 'separate' | 'replace') =>
			systemMessages(OWN, STEER, mode).map((m) => m.content);
		expect(texts('before')).toEqual([`${OWN}\n\n${STEER}`]);
		expect(texts('after')).toEqual([`${STEER}\n\n${OWN}`]);
		expect(texts('separate')).toEqual([OWN, STEER]);
		expect(texts('replace')).toEqual([OWN]);
		expect(systemMessages(undefined, STEER, 'replace')).toEqual([
			{ role: 'system', content: STEER }
		]);
		expect(systemMessages(OWN, undefined, 'separate')).toEqual([{ role: 'system', content: OWN }]);
		expect(systemMessages('  ', undefined)).toEqual([]);
	});

	it('a follow-up keeps the system messages first, then the model’s own history', () => {
		const item = makeItem({ system: STEER, turns: ['Q1', 'Q2'] });
		expect(messagesForTurn(item, OWN, ['A1'], 1, 'separate').map((m) => m.role)).toEqual([
			'system',
			'system',
			'user',
			'assistant',
			'user'
		]);
	});

	it('generation sends and records exactly the messages of the chosen combination', async () => {
		const fake = fakeStreamer({ answer: () => 'ok' });
		const response = await runOne({
			studyId: 'study-1',
			item: makeItem({ system: STEER, turns: ['Q1'] }),
			endpoint: makeEndpoint({ systemPrompt: OWN, systemPromptMode: 'separate' }),
			key: 'sk-test-000000',
			streamer: fake.streamer,
			now: steppingNow(10),
			clock: fixedClock(T0)
		});
		expect(fake.calls[0]?.messages.slice(0, 2)).toEqual([
			{ role: 'system', content: OWN },
			{ role: 'system', content: STEER }
		]);
		expect(response.transcript.slice(0, 2).map((m) => m.content)).toEqual([OWN, STEER]);
		expect(response.params).toMatchObject({ system: `${OWN}\n\n${STEER}`, systemMode: 'separate' });
	});
});

describe('what the rater is shown', () => {
	const item = makeItem({ system: STEER, turns: ['Q1'] });
	const answer = (systems: string[]) =>
		makeResponse({
			transcript: [
				...systems.map((content) => ({ role: 'system' as const, content })),
				{ role: 'user', content: 'Q1' },
				{ role: 'assistant', content: 'A' }
			]
		});
	const rubric = makeStudy().rubric;

	it('shows the item message only when both answers were given it, never an own prompt', () => {
		const both = blindTrial(
			{ id: 't' },
			item,
			answer([`${OWN}\n\n${STEER}`]),
			answer([STEER]),
			rubric,
			{ ownPromptsHidden: true }
		);
		expect(both.system).toBe(STEER);
		expect(both.ownPromptsHidden).toBe(true);
		expect(JSON.stringify(both)).not.toContain('constitution');
		const replaced = blindTrial({ id: 't' }, item, answer([OWN]), answer([STEER]), rubric, {
			ownPromptsHidden: true
		});
		expect(replaced.system).toBeUndefined();
		expect(JSON.stringify(replaced)).not.toContain('constitution');
	});

	it('shows the item message in every pair of the item or in none', () => {
		const trained = answer([`${OWN}\n\n${STEER}`]);
		const baseline = answer([STEER]);
		const replacing = answer([OWN]);
		const notYet = makeResponse({ status: 'pending', transcript: [] });
		const systemOf = (pair: ReturnType<typeof answer>[], itemResponses: typeof pair) =>
			blindTrial({ id: 't' }, item, pair[0] ?? trained, pair[1] ?? baseline, rubric, {
				itemResponses
			}).system;
		// The pair that both had the message must not show it either: its presence would tell the
		// rater that the endpoint which replaced it is not in this pair.
		const all = [trained, baseline, replacing];
		expect(systemOf([trained, baseline], all)).toBeUndefined();
		expect(systemOf([trained, replacing], all)).toBeUndefined();
		expect(systemOf([baseline, replacing], all)).toBeUndefined();
		// Without the replacing endpoint every pair shows it; an answer not generated yet is no
		// evidence either way.
		expect(systemOf([trained, baseline], [trained, baseline, notYet])).toBe(STEER);
	});

	it('bundle transcripts (system messages stripped) fall back to the item', () => {
		expect(blindTrial({ id: 't' }, item, answer([]), answer([]), rubric).system).toBe(STEER);
	});
});
