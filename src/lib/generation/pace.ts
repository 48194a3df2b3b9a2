// How fast a run is going and how long it will take, from what is actually happening: the pace
// is measured up to now (so the estimate grows while nothing finishes), and a request that has
// heard nothing from its server for a while is reported instead of an estimate, because until
// that server answers or its idle timeout stops it, any estimate would be a guess.
import { idleTimeoutMsOf } from '$lib/core/schema';
import type { Endpoint } from '$lib/core/schema';

/** A request silent for this long is reported instead of a time estimate. */
export const SILENCE_NOTICE_MS = 10_000;

/** The longest-silent request in flight, once it is worth telling. */
export interface Silence {
	endpointLabel: string;
	seconds: number;
	/** When the request will be stopped (the endpoint's idle timeout). */
	limitSeconds: number;
}

export interface PaceReading {
	ratePerMinute?: number;
	etaSeconds?: number;
	silence?: Silence;
}

type Listener = { endpoint: Pick<Endpoint, 'label' | 'idleTimeoutSeconds'>; heardAt: number };

export class Pace {
	readonly #now: () => number;
	#startedAt = 0;
	#size = 0;
	#completed = 0;
	#listening = new Map<object, Listener>();

	constructor(now: () => number) {
		this.#now = now;
	}

	/** A run of `size` responses starts now. */
	start(size: number): void {
		this.#startedAt = this.#now();
		this.#size = size;
		this.#completed = 0;
		this.#listening.clear();
	}

	completed(): void {
		this.#completed++;
	}

	/** A response of the run was not requested after all (its endpoint had refused): not timed. */
	skipped(): void {
		this.#size--;
	}

	/** A request (identified by `key`) was sent to `endpoint`. */
	listen(key: object, endpoint: Listener['endpoint']): void {
		this.#listening.set(key, { endpoint, heardAt: this.#now() });
	}

	/** The request's server sent something. */
	heard(key: object): void {
		const listener = this.#listening.get(key);
		if (listener) listener.heardAt = this.#now();
	}

	forget(key: object): void {
		this.#listening.delete(key);
	}

	read(): PaceReading {
		const now = this.#now();
		let quietest: Listener | undefined;
		for (const listener of this.#listening.values()) {
			if (!quietest || listener.heardAt < quietest.heardAt) quietest = listener;
		}
		const silence =
			quietest && now - quietest.heardAt >= SILENCE_NOTICE_MS
				? {
						endpointLabel: quietest.endpoint.label,
						seconds: Math.floor((now - quietest.heardAt) / 1000),
						limitSeconds: idleTimeoutMsOf(quietest.endpoint) / 1000
					}
				: undefined;
		const minutes = (now - this.#startedAt) / 60_000;
		if (this.#completed === 0 || minutes <= 0) return silence ? { silence } : {};
		const ratePerMinute = this.#completed / minutes;
		if (silence) return { ratePerMinute, silence };
		const left = Math.max(0, this.#size - this.#completed);
		return { ratePerMinute, etaSeconds: (left / ratePerMinute) * 60 };
	}
}
