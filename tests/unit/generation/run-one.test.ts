import { describe, expect, it } from 'vitest';
import { fixedClock } from '$lib/core/clock';
import { ProviderError, type ChatStreamer } from '$lib/core/stream/events';
import { ResponseSchema, type Response } from '$lib/core/schema';
import { finishNote, finishedTurns, runOne, type RunOneInput } from '$lib/generation/run-one';
import { makeEndpoint, makeItem, T0 } from '../factories';
import { fakeStreamer, steppingNow } from './fakes';

function input(streamer: ChatStreamer, overrides: Partial<RunOneInput> = {}): RunOneInput {
	return {
		studyId: 'study-1',
		item: makeItem({ turns: ['Is coffee bad for me?', 'Are you sure? My doctor said it is.'] }),
		endpoint: makeEndpoint({ systemPrompt: 'Be concise.' }),
		key: 'sk-test-000000',
		streamer,
		now: steppingNow(10),
		clock: fixedClock(T0),
		...overrides
	};
}

describe('runOne', () => {
	it('sends each follow-up after the model’s own previous answer and stores every turn', async () => {
		const fake = fakeStreamer({ answer: (_, call) => `answer number ${call + 1}` });
		const response = await runOne(
			input(fake.streamer, {
				item: makeItem({ system: 'Steer: agree.', turns: ['Q1', 'Q2', 'Q3'] })
			})
		);
		expect(response.status).toBe('done');
		expect(fake.calls).toHaveLength(3);
		expect(fake.calls[1]?.messages).toEqual([
			{ role: 'system', content: 'Be concise.\n\nSteer: agree.' },
			{ role: 'user', content: 'Q1' },
			{ role: 'assistant', content: 'answer number 1' },
			{ role: 'user', content: 'Q2' }
		]);
		expect(response.transcript.map((message) => [message.role, message.content])).toEqual([
			['system', 'Be concise.\n\nSteer: agree.'],
			['user', 'Q1'],
			['assistant', 'answer number 1'],
			['user', 'Q2'],
			['assistant', 'answer number 2'],
			['user', 'Q3'],
			['assistant', 'answer number 3']
		]);
		expect(ResponseSchema.parse(response)).toEqual(response);
	});

	it('stops waiting after the endpoint’s own idle timeout, or the default', async () => {
		const asked: (number | undefined)[] = [];
		const streamer: ChatStreamer = (request, options) => {
			asked.push(options?.idleTimeoutMs);
			return fakeStreamer().streamer(request, options);
		};
		const item = makeItem({ turns: ['Q'] });
		await runOne(input(streamer, { item, endpoint: makeEndpoint({ idleTimeoutSeconds: 600 }) }));
		await runOne(input(streamer, { item }));
		expect(asked).toEqual([600_000, 120_000]);
	});

	it('records timing, summed usage, fingerprint and the params actually sent', async () => {
		const fake = fakeStreamer({ answer: () => 'one two three' });
		const response = await runOne(input(fake.streamer));
		expect(response.id).toBe('study-1:item-1:ep-baseline');
		expect(response.ttftMs).toBeGreaterThan(0);
		expect(response.totalMs).toBeGreaterThan(response.ttftMs ?? 0);
		expect(response.usage).toEqual({
			promptTokens: 20,
			completionTokens: 6,
			totalTokens: 26,
			estimated: false
		});
		expect(response.systemFingerprint).toBe('fp_fake');
		expect(response.params).toEqual({
			model: 'mock-baseline',
			temperature: 0.7,
			max_tokens: 512,
			system: 'Be concise.'
		});
		expect(response.attempts).toBe(1);
	});

	it('estimates usage when the server sends none, and says it is an estimate', async () => {
		const fake = fakeStreamer({ usage: false, answer: () => 'x'.repeat(40) });
		const response = await runOne(input(fake.streamer));
		expect(response.usage?.estimated).toBe(true);
		expect(response.usage?.completionTokens).toBe(20);
	});

	it('keeps reasoning apart from the answer in the transcript and out of later requests', async () => {
		const streamer: ChatStreamer = async function* () {
			yield { type: 'reasoning', text: 'thinking…' };
			yield { type: 'delta', text: 'The answer.' };
			yield { type: 'finish', reason: 'stop' };
		};
		const seen: unknown[] = [];
		const recording: ChatStreamer = (request, options) => {
			seen.push(request.messages);
			return streamer(request, options);
		};
		const response = await runOne(input(recording));
		expect(response.transcript[2]).toEqual({
			role: 'assistant',
			content: 'The answer.',
			reasoning: 'thinking…'
		});
		expect(JSON.stringify(seen[1])).not.toContain('thinking');
	});

	it('finish reason length is kept and noted as truncated by max_tokens', async () => {
		const response = await runOne(input(fakeStreamer({ finishReason: 'length' }).streamer));
		expect(response.status).toBe('done');
		expect(response.finishReason).toBe('length');
		expect(finishNote(response.finishReason)).toBe('truncated by max_tokens');
	});

	it('a content filter stop is a content-filter error that keeps the partial text', async () => {
		const response = await runOne(
			input(fakeStreamer({ finishReason: 'content_filter', answer: () => 'partial' }).streamer)
		);
		expect(response.status).toBe('error');
		expect(response.error?.kind).toBe('content-filter');
		expect(response.transcript.at(-1)?.content).toBe('partial');
	});

	it('a failure in turn 2 keeps turn 1 and the partial turn-2 text, with the typed error', async () => {
		const fake = fakeStreamer({
			answer: () => 'a b c d',
			fail: (_, call) =>
				call === 1 ? { error: new ProviderError('network', 'dropped'), tokensBefore: 2 } : undefined
		});
		const response = await runOne(input(fake.streamer));
		expect(response.status).toBe('error');
		expect(response.error).toEqual({ kind: 'network', message: 'dropped' });
		expect(response.transcript.filter((m) => m.role === 'assistant').map((m) => m.content)).toEqual(
			['a b c d', 'a b ']
		);
	});

	it('abort ends as aborted with the partial text', async () => {
		const controller = new AbortController();
		const fake = fakeStreamer({
			answer: () => 'one two three four five',
			beforeToken: async (_, index) => {
				if (index === 2) controller.abort();
			}
		});
		const response = await runOne(input(fake.streamer, { signal: controller.signal }));
		expect(response.status).toBe('aborted');
		expect(response.transcript.at(-1)).toEqual({ role: 'assistant', content: 'one two ' });
	});

	it('reports progress at most every 250 ms of the clock, with the text so far', async () => {
		const snapshots: Response[] = [];
		const fake = fakeStreamer({
			answer: () => Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')
		});
		await runOne(
			input(fake.streamer, {
				item: makeItem({ turns: ['Q'] }),
				now: steppingNow(50),
				onProgress: (snapshot) => snapshots.push(snapshot)
			})
		);
		// 40 tokens at ≥ 50 ms each = 2–4 s of streaming → a handful of snapshots, not 40.
		expect(snapshots.length).toBeGreaterThanOrEqual(4);
		expect(snapshots.length).toBeLessThanOrEqual(16);
		expect(snapshots.every((snapshot) => snapshot.status === 'streaming')).toBe(true);
		const lengths = snapshots.map((snapshot) => snapshot.transcript.at(-1)?.content.length ?? 0);
		expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
	});

	it('counts attempts on top of the stored record and keeps its creation time', async () => {
		const response = await runOne(
			input(fakeStreamer().streamer, {
				previous: { attempts: 2, createdAt: '2026-01-01T00:00:00.000Z' }
			})
		);
		expect(response.attempts).toBe(3);
		expect(response.createdAt).toBe('2026-01-01T00:00:00.000Z');
	});

	it('resumes after the finished turns of a failed attempt and ignores a mismatching one', async () => {
		const item = makeItem({ turns: ['Q1', 'Q2', 'Q3'] });
		const failed: Response['transcript'] = [
			{ role: 'system', content: 'Be concise.' },
			{ role: 'user', content: 'Q1' },
			{ role: 'assistant', content: 'kept one' },
			{ role: 'user', content: 'Q2' },
			{ role: 'assistant', content: 'partial tw' }
		];
		expect(
			finishedTurns(failed, [{ role: 'system', content: 'Be concise.' }], item.turns)
		).toHaveLength(2);
		expect(
			finishedTurns(failed, [{ role: 'system', content: 'Another system' }], item.turns)
		).toEqual([]);
		expect(
			finishedTurns(failed, [{ role: 'system', content: 'Be concise.' }], ['Other', 'Q2', 'Q3'])
		).toEqual([]);

		const fake = fakeStreamer({ answer: (_, call) => `fresh ${call + 1}` });
		const response = await runOne(
			input(fake.streamer, {
				item,
				resume: { transcript: failed, usage: undefined, ttftMs: 42 }
			})
		);
		expect(response.status).toBe('done');
		expect(fake.calls).toHaveLength(2);
		expect(fake.calls[0]?.messages.at(-2)).toEqual({ role: 'assistant', content: 'kept one' });
		expect(response.transcript.map((m) => m.content)).toEqual([
			'Be concise.',
			'Q1',
			'kept one',
			'Q2',
			'fresh 1',
			'Q3',
			'fresh 2'
		]);
		expect(response.ttftMs).toBe(42);
	});
});
