// One tab judges a study as a given rater at a time. Two tabs would show the same trial and both
// would try to commit a verdict for it (the commit refuses the second, but the rater's work in it
// is wasted). A Web Lock per (study, rater) makes the second tab say where judging goes on, and
// lets the rater move it here: taking the lock over tells the first tab it has lost it.

export interface RaterLock {
	/** Lets the next tab judge. */
	release(): void;
	/** Resolves if another tab takes the lock over. */
	readonly lost: Promise<void>;
}

export function raterLockName(studyId: string, raterId: string): string {
	return `trait-arena:judging:${studyId}:${raterId}`;
}

const NEVER = new Promise<void>(() => undefined);

/**
 * Takes the lock if it is free (or, with `takeOver`, from the tab that holds it); resolves
 * undefined when another tab holds it. Without the Locks API (old browsers, Node) judging is
 * not guarded: the commit's one-verdict rule still holds.
 */
export function acquireRaterLock(
	studyId: string,
	raterId: string,
	mode: 'if-free' | 'take-over' | 'wait' = 'if-free'
): Promise<RaterLock | undefined> {
	const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
	if (!locks) return Promise.resolve({ release: () => undefined, lost: NEVER });
	return new Promise((resolve) => {
		let release!: () => void;
		const released = new Promise<void>((done) => (release = done));
		let markLost!: () => void;
		const lost = new Promise<void>((done) => (markLost = done));
		const options: LockOptions =
			mode === 'take-over' ? { steal: true } : mode === 'if-free' ? { ifAvailable: true } : {};
		locks
			.request(raterLockName(studyId, raterId), options, async (lock) => {
				if (!lock) return resolve(undefined);
				resolve({ release, lost });
				await released;
			})
			// A lock taken over ends its holder's request with an AbortError.
			.catch(() => markLost());
	});
}

/** Locks held by sessions of this tab, by name: a new session here takes over from an old one. */
const heldHere = new Map<string, JudgingLock>();

/** The lock a judging session holds: one (study, rater) at a time, told when it is taken over. */
export class JudgingLock {
	#held: RaterLock | undefined;
	#name = '';

	/** Takes the lock (false when another tab holds it); `onLost` runs if it is taken over later. */
	async take(studyId: string, raterId: string, takeOver: boolean, onLost: () => void) {
		this.release();
		const name = raterLockName(studyId, raterId);
		// Another session of this very tab (a view shown again) gives the lock up: wait for it.
		const previous = heldHere.get(name);
		previous?.release();
		const mode = takeOver ? 'take-over' : previous ? 'wait' : 'if-free';
		const held = await acquireRaterLock(studyId, raterId, mode);
		this.#held = held;
		this.#name = name;
		if (held) heldHere.set(name, this);
		void held?.lost.then(() => {
			if (this.#held !== held) return;
			this.#held = undefined;
			onLost();
		});
		return held !== undefined;
	}

	release(): void {
		this.#held?.release();
		this.#held = undefined;
		if (heldHere.get(this.#name) === this) heldHere.delete(this.#name);
	}
}
