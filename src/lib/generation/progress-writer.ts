// Streaming progress is written every ~250 ms while the network may deliver faster than storage
// can keep up: writes are serialised and only the newest snapshot waits, so a slow disk never
// builds a queue, and the final save can never be overtaken by a stale progress write.
import type { Response } from '$lib/core/schema';
import { streamPreview } from './stream-preview.svelte';

/** Serialises progress writes and keeps only the newest snapshot waiting. */
export class ProgressWriter {
	#pending: Response | undefined;
	#busy: Promise<void> | undefined;
	constructor(
		private readonly write: (response: Response) => Promise<void>,
		private readonly onError: (error: unknown) => void = () => undefined
	) {}

	push(response: Response): void {
		streamPreview.show(response);
		this.#pending = response;
		this.#busy ??= this.#drain();
	}

	async #drain(): Promise<void> {
		while (this.#pending) {
			const next = this.#pending;
			this.#pending = undefined;
			try {
				await this.write(next);
			} catch (error) {
				// The writer's owner decides: the runner stops calling the API it cannot store.
				this.onError(error);
			}
		}
		this.#busy = undefined;
	}

	/** Drops any waiting snapshot and waits for the one being written, so the final save wins. */
	async settle(): Promise<void> {
		this.#pending = undefined;
		await this.#busy;
	}
}
