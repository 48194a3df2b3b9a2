// The hand-written SSE parser replaces the SDK's for speed, so it must agree with a plain
// JSON.parse reading of the same stream however the bytes are cut into network reads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '$lib/core/stream/events';
import { ChatStreamParser } from '$lib/providers/sse';
import { contentLiteral, WireReader } from '$lib/providers/wire-chunks';
import { ChunkFrames } from '../../../tools/mock-openai/sse';

const envelope = {
	id: 'chatcmpl-1',
	created: 1,
	model: 'm',
	systemFingerprint: 'fp_1',
	includeUsage: true
};

type Piece = { kind: 'content' | 'reasoning'; text: string };

function stream(pieces: Piece[], finish = 'stop'): string {
	const frames = new ChunkFrames(envelope);
	let text = frames.frame({ role: 'assistant', content: '' });
	for (const piece of pieces) {
		text +=
			piece.kind === 'content'
				? frames.content(piece.text)
				: frames.frame({ reasoning_content: piece.text });
	}
	text += frames.frame({}, finish === 'length' ? 'length' : 'stop');
	text += frames.usage({ prompt_tokens: 3, completion_tokens: pieces.length, total_tokens: 9 });
	return `${text}data: [DONE]\n\n`;
}

/** Feeds the text cut at the given points and collapses the events to text per kind, in order. */
function parse(text: string, cuts: number[] = []) {
	const parser = new ChatStreamParser();
	const events: StreamEvent[] = [];
	let last = 0;
	for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
		events.push(...parser.push(text.slice(last, cut)));
		last = cut;
	}
	events.push(...parser.push(text.slice(last)), ...parser.flush());
	return { events, wire: parser.wire };
}

function merged(events: StreamEvent[]): [string, string][] {
	const out: [string, string][] = [];
	for (const event of events) {
		if (event.type !== 'delta' && event.type !== 'reasoning') continue;
		const last = out.at(-1);
		if (last && last[0] === event.type) last[1] += event.text;
		else out.push([event.type, event.text]);
	}
	return out;
}

function expected(pieces: Piece[]): [string, string][] {
	return merged(
		pieces
			.filter((piece) => piece.text !== '')
			.map((piece) =>
				piece.kind === 'content'
					? { type: 'delta', text: piece.text }
					: { type: 'reasoning', text: piece.text }
			)
	);
}

const pieceArb = fc.record({
	kind: fc.constantFrom('content' as const, 'content' as const, 'reasoning' as const),
	text: fc.oneof(
		fc.string(),
		fc.constantFrom('\n\n', '"', '\\', '\\"', 'data: x\n\n', '"delta":{"content":"', 'é 😀', '\r\n')
	)
});

describe('ChatStreamParser', () => {
	it('reads any stream the same however it is cut into network reads', () => {
		fc.assert(
			fc.property(
				fc.array(pieceArb, { maxLength: 40 }),
				fc.array(fc.nat(), { maxLength: 12 }),
				(pieces, rawCuts) => {
					const text = stream(pieces);
					const cuts = rawCuts.map((cut) => cut % (text.length + 1));
					const { events, wire } = parse(text, cuts);
					expect(merged(events)).toEqual(expected(pieces));
					expect(events.find((event) => event.type === 'usage')).toEqual({
						type: 'usage',
						promptTokens: 3,
						completionTokens: pieces.length,
						totalTokens: 9
					});
					expect(wire.finishReason).toBe('stop');
					expect(wire.systemFingerprint).toBe('fp_1');
					expect(wire.done).toBe(true);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('accepts CRLF line endings, comments, multi-line data and no space after the colon', () => {
		const text =
			': keep-alive\r\n\r\n' +
			'data:{"choices":[{"delta":{"content":"Hel"}}]}\r\n\r\n' +
			'event: message\r\ndata: {"choices":[{"delta":\r\ndata: {"content":"lo"},"finish_reason":"stop"}]}\r\n\r\n' +
			'data: [DONE]\r\n\r\n';
		for (const cut of [0, 1, 17, 18, 19, 40, 90, text.length]) {
			const { events, wire } = parse(text, [cut]);
			expect(merged(events)).toEqual([['delta', 'Hello']]);
			expect(wire.finishReason).toBe('stop');
		}
	});

	it('throws on a malformed chunk, also once the fast template is in use', () => {
		const frames = new ChunkFrames(envelope);
		const good = frames.frame({ role: 'assistant' }) + frames.content('a') + frames.content('b');
		expect(() => parse(`${good}data: {not json\n\n`)).toThrow(SyntaxError);
		expect(() => parse(`${good}${frames.content('c').replace('"}', '"')}`)).toThrow(SyntaxError);
	});

	it('reads a finish reason sent in the same chunk as the last words', () => {
		const frames = new ChunkFrames(envelope);
		const text =
			frames.frame({ role: 'assistant' }) +
			frames.content('one ') +
			frames.frame({ content: 'two' }, 'length') +
			'data: [DONE]\n\n';
		const { events, wire } = parse(text);
		expect(merged(events)).toEqual([['delta', 'one two']]);
		expect(wire.finishReason).toBe('length');
	});

	it('turns an error object inside the stream into a server error', () => {
		const text = 'data: {"error":{"message":"overloaded"}}\n\n';
		expect(() => parse(text)).toThrow(/overloaded/);
	});
});

describe('contentLiteral', () => {
	it('only matches plain content chunks', () => {
		const frames = new ChunkFrames(envelope);
		const payload = (frame: string) => frame.slice('data: '.length, -2);
		expect(contentLiteral(payload(frames.content('hi')))).toBeDefined();
		expect(contentLiteral(payload(frames.frame({ content: 'hi' }, 'stop')))).toBeUndefined();
		expect(
			contentLiteral(payload(frames.frame({ content: 'hi', reasoning: 'x' })))
		).toBeUndefined();
		expect(
			contentLiteral(
				payload(frames.usage({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }))
			)
		).toBeUndefined();
	});
});

describe('WireReader', () => {
	it('reads a whole completion from a server that ignored stream: true', () => {
		const wire = new WireReader();
		const events = wire.read([
			JSON.stringify({
				choices: [{ message: { content: 'Hi', reasoning: 'think' }, finish_reason: 'stop' }],
				usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 }
			})
		]);
		expect(events).toEqual([
			{ type: 'usage', promptTokens: 1, completionTokens: 2, totalTokens: 3 },
			{ type: 'reasoning', text: 'think' },
			{ type: 'delta', text: 'Hi' }
		]);
		expect(wire.finishReason).toBe('stop');
	});
});
