// One side of a live round. Deltas arrive per token, far faster than the screen redraws, so they
// are buffered here in plain arrays and copied into the reactive `turns` only when the arena
// flushes (once per animation frame, both sides together). The side knows nothing about which
// endpoint it shows: identity stays in LiveArena until the vote.
import type { Response } from '$lib/core/schema';
import type { ChatStreamer, StreamEvent } from '$lib/core/stream/events';

export type SideStatus = 'idle' | 'waiting' | 'streaming' | 'done' | 'error' | 'aborted';

export interface TapHooks {
	/** A delta was buffered (the arena schedules a frame). */
	onDelta: () => void;
	/** A promise to wait for before the next event, or undefined to go on at once. */
	pause: () => Promise<void> | undefined;
}

export class LiveSide {
	/** The answer to each user turn, as shown. */
	turns = $state.raw<string[]>([]);
	status = $state<SideStatus>('idle');
	/**
	 * Why this side failed, as generation would say it; until the vote without anything that
	 * names the endpoint (host, model, label, provider-specific advice), after it in full.
	 */
	failure = $state<string | undefined>(undefined);

	#texts: string[] = [];
	#pending: string[] = [];
	#turn = -1;
	#hasToken = false;
	#settled = false;
	#final: { texts: string[]; status: SideStatus; failure: string | undefined } | undefined;
	#fullFailure: string | undefined;

	reset(): void {
		this.turns = [];
		this.status = 'waiting';
		this.failure = undefined;
		this.#fullFailure = undefined;
		this.#texts = [];
		this.#pending = [];
		this.#turn = -1;
		this.#hasToken = false;
		this.#settled = false;
		this.#final = undefined;
	}

	/** True once this side has something to show (a token) or will never have more. */
	get ready(): boolean {
		return this.#hasToken || this.#settled;
	}

	/**
	 * Wraps a streamer so each call is one turn and every delta lands in this side's buffer.
	 * `pause` may hold the next event back (to let the page breathe during a burst); a plain
	 * iterator rather than an async generator keeps the per-token cost to one promise.
	 */
	tap(streamer: ChatStreamer, hooks: TapHooks): ChatStreamer {
		return (request, options) => {
			const turn = ++this.#turn;
			const source = streamer(request, options);
			return {
				[Symbol.asyncIterator]: (): AsyncIterator<StreamEvent> => {
					const inner = source[Symbol.asyncIterator]();
					const pull = () =>
						inner.next().then((result) => {
							const event = result.done ? undefined : result.value;
							if (event?.type === 'delta' && event.text !== '') {
								this.#push(turn, event.text);
								hooks.onDelta();
							}
							return result;
						});
					return {
						next: () => hooks.pause()?.then(pull) ?? pull(),
						return: (value?: unknown) =>
							inner.return?.(value) ?? Promise.resolve({ done: true, value: undefined })
					};
				}
			};
		};
	}

	#push(turn: number, text: string): void {
		if (this.#pending.length <= turn) this.#pending.length = turn + 1;
		this.#pending[turn] = (this.#pending[turn] ?? '') + text;
		this.#hasToken = true;
	}

	/**
	 * Copies buffered text (and, once settled, the final state) to the screen; returns whether
	 * anything changed. Only the arena calls it, for both sides in the same frame.
	 */
	flush(): boolean {
		let changed = false;
		this.#pending.forEach((text, turn) => {
			if (!text) return;
			this.#texts[turn] = (this.#texts[turn] ?? '') + text;
			changed = true;
		});
		this.#pending = [];
		const final = this.#final;
		if (final && this.status !== final.status) {
			this.#texts = final.texts;
			this.status = final.status;
			this.failure = final.failure;
			changed = true;
		} else if (changed && this.status === 'waiting') this.status = 'streaming';
		if (changed) this.turns = Array.from(this.#texts, (text) => text ?? '');
		return changed;
	}

	/**
	 * Records the side's final state from its stored response (the transcript is the truth);
	 * `blind` removes from a failure message whatever would tell the audience which endpoint it is.
	 */
	settle(response: Response, blind: (message: string) => string): void {
		this.#settled = true;
		const message = response.status === 'error' ? response.error?.message : undefined;
		this.#fullFailure = message;
		this.#final = {
			texts: response.transcript.filter((m) => m.role === 'assistant').map((m) => m.content),
			status:
				response.status === 'done' ? 'done' : response.status === 'aborted' ? 'aborted' : 'error',
			failure: message === undefined ? undefined : blind(message)
		};
	}

	/** After the vote: the failure message in full, naming the endpoint. */
	unblind(): void {
		if (this.#fullFailure !== undefined && this.failure !== undefined) {
			this.failure = this.#fullFailure;
		}
	}
}
