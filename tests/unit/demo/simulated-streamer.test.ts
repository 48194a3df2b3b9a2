// The demo endpoint must behave like a real streaming server (events, truncation, abort) while
// answering from the page alone: the demo study's prompts get their illustrative answers, any
// other prompt a deterministic answer in the endpoint's persona.
import { describe, expect, it } from 'vitest';
import raw from '$lib/demo/data/demo-study.json';
import { ILLUSTRATIVE_NOTE, demoAnswer } from '$lib/demo/demo-answers';
import { abortableSleep, chunksOf, createSimulatedStreamer } from '$lib/demo/simulated-streamer';
import { ProviderError, type ChatRequest, type StreamEvent } from '$lib/core/stream/events';
import type { Message } from '$lib/core/schema';

const fast = createSimulatedStreamer({ chunkDelayMs: 0, firstChunkDelayMs: 0, now: () => 1234 });

function request(model: string, messages: Message[], maxTokens?: number): ChatRequest {
	return {
		endpoint: {
			id: `ep-${model}`,
			baseURL: 'https://demo.trait-arena.invalid/v1',
			model,
			headers: {},
			preset: 'demo',
			...(maxTokens ? { params: { max_tokens: maxTokens } } : {})
		},
		messages
	};
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
	const all: StreamEvent[] = [];
	for await (const event of events) all.push(event);
	return all;
}

const text = (events: StreamEvent[]) =>
	events.map((event) => (event.type === 'delta' ? event.text : '')).join('');

const first = raw.items.find((item) => item.turns.length > 1);
if (!first) throw new Error('the demo study needs a multi-turn item');
const user = (content: string): Message => ({ role: 'user', content });

describe('simulated demo endpoint', () => {
	it('replays the demo answer of the right endpoint for each turn', async () => {
		const [turn1 = '', turn2 = ''] = first.turns;
		const baseline = first.answers['demo-baseline'] ?? [];
		const trained = first.answers['demo-trained'] ?? [];
		expect(text(await collect(fast(request('demo-baseline', [user(turn1)]))))).toBe(baseline[0]);
		expect(text(await collect(fast(request('demo-trained', [user(turn1)]))))).toBe(trained[0]);
		const second = [user(turn1), { role: 'assistant' as const, content: 'x' }, user(turn2)];
		expect(text(await collect(fast(request('demo-trained', second))))).toBe(trained[1]);
	});

	it('matches demo prompts whatever the system prompt or whitespace', () => {
		const messages: Message[] = [
			{ role: 'system', content: 'Anything.' },
			user(`  ${first.turns[0]?.replace(/ /g, '  ')}\n`)
		];
		expect(demoAnswer('demo-baseline', messages)).toBe(first.answers['demo-baseline']?.[0]);
	});

	it('answers any other prompt deterministically, in each persona, marked illustrative', () => {
		const messages = [user('Should I repaint my bike frame with enamel or lacquer?')];
		const careful = demoAnswer('demo-trained', messages);
		const agreeable = demoAnswer('demo-baseline', messages);
		expect(careful).toBe(demoAnswer('demo-trained', messages));
		expect(careful).not.toBe(agreeable);
		expect(careful).toContain('Should I repaint my bike frame with enamel…');
		for (const answer of [careful, agreeable]) {
			expect(answer.endsWith(ILLUSTRATIVE_NOTE)).toBe(true);
			expect(answer).not.toMatch(/baseline|trained|gpt|claude|openai/i);
		}
		expect(demoAnswer('demo-trained', [user('Another question entirely?')])).not.toBe(careful);
	});

	it('emits start, word-sized deltas, usage and a stop finish', async () => {
		const events = await collect(fast(request('demo-trained', [user('Is tea healthy?')])));
		expect(events[0]).toEqual({ type: 'start', atMs: 1234 });
		const deltas = events.filter((event) => event.type === 'delta');
		expect(deltas.length).toBeGreaterThan(20);
		expect(events.at(-2)).toMatchObject({ type: 'usage', completionTokens: deltas.length });
		expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
	});

	it('stops at max_tokens with finish reason length', async () => {
		const events = await collect(fast(request('demo-baseline', [user('Hi there')], 5)));
		expect(events.filter((event) => event.type === 'delta')).toHaveLength(5);
		expect(events.at(-1)).toEqual({ type: 'finish', reason: 'length' });
	});

	it('pauses between chunks with seeded jitter around the configured delay', async () => {
		const pauses: number[] = [];
		const paced = createSimulatedStreamer({
			chunkDelayMs: 10,
			firstChunkDelayMs: 200,
			sleep: async (ms) => void pauses.push(ms)
		});
		await collect(paced(request('demo-trained', [user('Pace me')])));
		const [firstPause = 0, ...rest] = pauses;
		expect(firstPause).toBeGreaterThanOrEqual(150);
		expect(Math.min(...rest)).toBeGreaterThanOrEqual(4);
		expect(Math.max(...rest)).toBeLessThanOrEqual(16);
		expect(new Set(rest).size).toBeGreaterThan(5);
	});

	it('ends with an aborted error as soon as the signal aborts, mid-pause', async () => {
		const controller = new AbortController();
		const slow = createSimulatedStreamer({ chunkDelayMs: 60_000, firstChunkDelayMs: 0 });
		const iterator = slow(request('demo-trained', [user('Slow please')]), {
			signal: controller.signal
		})[Symbol.asyncIterator]();
		expect((await iterator.next()).value).toMatchObject({ type: 'start' });
		const pending = iterator.next();
		controller.abort();
		await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
	});

	it('refuses to start when already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(
			collect(fast(request('demo-trained', [user('x')]), { signal: controller.signal }))
		).rejects.toBeInstanceOf(ProviderError);
		await expect(abortableSleep(10, controller.signal)).rejects.toMatchObject({ kind: 'aborted' });
	});

	it('splits text into word chunks that join back to the text', () => {
		const sample = '  Hello,  world!\n\n- item\n';
		expect(chunksOf(sample).join('')).toBe(sample);
		expect(chunksOf(sample)).toHaveLength(4);
	});
});
