// The half-filled form of the trial on screen, saved as a draft so a reload, crash or next-day
// return resumes exactly there. A change is written in the next task (writes that pile up while
// one is under way collapse into the newest); `flush` writes a pending one at once (before the
// page goes away). Every change is also mirrored at once, in the same task (draft-mirror.ts). Its
// state says whether the form is stored.
import type { Draft } from '$lib/core/schema';
import type { DraftMirror } from './draft-mirror';

export type DraftState = 'idle' | 'pending' | 'saved' | 'failed';

export class DraftSaver {
	state = $state<DraftState>('idle');

	readonly #write: (draft: Draft) => Promise<void>;
	readonly #delayMs: number;
	readonly #onError: (error: unknown) => void;
	readonly #mirror: DraftMirror | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#pending: (() => Draft | undefined) | undefined;
	/** Bumped by every change and cancel, so a write that finishes late says nothing stale. */
	#version = 0;

	constructor(
		write: (draft: Draft) => Promise<void>,
		delayMs: number,
		onError: (error: unknown) => void,
		mirror?: DraftMirror
	) {
		this.#write = write;
		this.#delayMs = delayMs;
		this.#onError = onError;
		this.#mirror = mirror;
	}

	/** The form changed: the draft `build` gives is written after `delayMs`. */
	touched(build: () => Draft | undefined): void {
		this.#stopTimer();
		this.#version++;
		this.state = 'pending';
		const draft = build();
		if (draft) this.#mirror?.put(draft);
		this.#pending = build;
		this.#timer = setTimeout(() => void this.flush(), this.#delayMs);
	}

	/** Writes the pending draft now, if there is one. */
	async flush(): Promise<void> {
		const build = this.#pending;
		this.#stopTimer();
		if (build) await this.save(build);
	}

	/** Writes this draft now, whatever is pending. */
	async save(build: () => Draft | undefined): Promise<void> {
		this.#stopTimer();
		const draft = build();
		if (!draft) return;
		this.#mirror?.put(draft);
		const version = this.#version;
		try {
			await this.#write(draft);
			if (version === this.#version) this.state = 'saved';
		} catch (error) {
			this.state = 'failed';
			this.#onError(error);
		}
	}

	/** What the mirror holds for the key (unchecked), e.g. an edit whose write a reload cut off. */
	mirrored(key: string): unknown {
		return this.#mirror?.get(key);
	}

	/** The draft was committed: its mirrored copy goes too. */
	forget(key: string): void {
		this.#mirror?.remove(key);
	}

	/** Drops what is pending (the trial was committed, or left) and shows `state`. */
	cancel(state: DraftState = this.state): void {
		this.#stopTimer();
		this.#version++;
		this.state = state;
	}

	#stopTimer(): void {
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#pending = undefined;
	}
}
