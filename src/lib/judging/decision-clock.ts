// How long a rater has looked at the trial on screen: time while the tab is hidden does not count,
// so a coffee break does not read as a slow, careful decision.
export class DecisionClock {
	readonly #now: () => number;
	#activeMs = 0;
	#visibleSince: number | undefined;
	#hidden = false;
	#running = false;

	constructor(now: () => number) {
		this.#now = now;
	}

	/** A trial is shown, with this much time already spent on it (a resumed draft or an undo). */
	start(activeMs: number): void {
		this.#running = true;
		this.#activeMs = activeMs;
		this.#visibleSince = this.#hidden ? undefined : this.#now();
	}

	/** No trial is being judged (a reveal, the end). */
	stop(): void {
		this.#activeMs = this.elapsed();
		this.#running = false;
		this.#visibleSince = undefined;
	}

	setHidden(hidden: boolean): void {
		this.#hidden = hidden;
		if (hidden && this.#visibleSince !== undefined) {
			this.#activeMs += this.#now() - this.#visibleSince;
			this.#visibleSince = undefined;
		} else if (!hidden && this.#visibleSince === undefined && this.#running) {
			this.#visibleSince = this.#now();
		}
	}

	elapsed(): number {
		const running = this.#visibleSince === undefined ? 0 : this.#now() - this.#visibleSince;
		return this.#activeMs + running;
	}
}
