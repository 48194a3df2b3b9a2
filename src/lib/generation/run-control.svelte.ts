// Pause, resume and cancel for a run of many requests, shared by generation and the model judge.
// Workers ask `proceed()` before taking their next task: a pause lets requests in flight finish
// and holds the workers there; a cancel aborts every request opened through `open()` as well.
export type RunState = 'idle' | 'running' | 'paused' | 'finished' | 'cancelled';

export class RunControl {
	state = $state<RunState>('idle');
	#paused = false;
	#cancelled = false;
	#waiters: (() => void)[] = [];
	// Plain on purpose: nothing reactive reads the open requests.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#requests = new Set<AbortController>();

	get running(): boolean {
		return this.state === 'running' || this.state === 'paused';
	}

	get cancelled(): boolean {
		return this.#cancelled;
	}

	begin(): void {
		this.#cancelled = this.#paused = false;
		this.state = 'running';
	}

	/** The run ended on its own or by cancel. */
	end(): void {
		this.state = this.#cancelled ? 'cancelled' : 'finished';
	}

	/** The run began but was refused before any request (no key, another tab has it). */
	refuse(): void {
		this.state = 'idle';
	}

	pause(): void {
		if (this.state !== 'running') return;
		this.#paused = true;
		this.state = 'paused';
	}

	resume(): void {
		if (this.state !== 'paused') return;
		this.#paused = false;
		this.state = 'running';
		this.#wakeAll();
	}

	cancel(): void {
		if (!this.running) return;
		this.#cancelled = true;
		this.#paused = false;
		for (const request of this.#requests) request.abort();
		this.#wakeAll();
	}

	/** Waits while paused; false once cancelled, when the worker must take no further task. */
	async proceed(): Promise<boolean> {
		if (this.#paused) await new Promise<void>((wake) => this.#waiters.push(wake));
		return !this.#cancelled;
	}

	/** A request's abort controller, aborted by `cancel`; `close` it when the request ends. */
	open(): AbortController {
		const request = new AbortController();
		this.#requests.add(request);
		return request;
	}

	close(request: AbortController): void {
		this.#requests.delete(request);
	}

	#wakeAll(): void {
		for (const wake of this.#waiters.splice(0)) wake();
	}
}
