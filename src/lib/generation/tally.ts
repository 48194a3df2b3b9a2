// Counts for the progress bar and the failure list, from the runner's per-response entries. Pure:
// the runner calls it after every finished response and after reading storage.
import type { Endpoint, PromptItem, ResponseError, ResponseStatus } from '$lib/core/schema';
import { responseId } from '$lib/db/repos/responses';

export interface FailureView {
	id: string;
	/** 1-based position of the item in the study. */
	itemNumber: number;
	endpointLabel: string;
	status: 'error' | 'aborted';
	kind: ResponseError['kind'];
	message: string;
}

export interface Entry {
	status: ResponseStatus;
	error?: ResponseError;
	finishReason?: string;
	attempts: number;
	createdAt: string;
}

export interface Tally {
	total: number;
	done: number;
	failed: number;
	stopped: number;
	/** Done, but cut by max_tokens (finish reason `length`). */
	truncated: number;
	failures: FailureView[];
}

export function tally(
	studyId: string,
	plan: {
		items: readonly Pick<PromptItem, 'id'>[];
		endpoints: readonly Pick<Endpoint, 'id' | 'label'>[];
	},
	entries: ReadonlyMap<string, Entry>
): Tally {
	const counts: Tally = {
		total: plan.items.length * plan.endpoints.length,
		done: 0,
		failed: 0,
		stopped: 0,
		truncated: 0,
		failures: []
	};
	for (const [itemIndex, item] of plan.items.entries()) {
		for (const endpoint of plan.endpoints) {
			const id = responseId(studyId, item.id, endpoint.id);
			const entry = entries.get(id);
			if (!entry) continue;
			if (entry.status === 'done') {
				counts.done++;
				if (entry.finishReason === 'length') counts.truncated++;
				continue;
			}
			if (entry.status !== 'error' && entry.status !== 'aborted') continue;
			if (entry.status === 'error') counts.failed++;
			else counts.stopped++;
			counts.failures.push({
				id,
				itemNumber: itemIndex + 1,
				endpointLabel: endpoint.label,
				status: entry.status,
				kind: entry.error?.kind ?? 'unknown',
				message: entry.error?.message ?? 'Stopped before the answer finished.'
			});
		}
	}
	return counts;
}

export interface FailureGroup {
	key: string;
	endpointLabel: string;
	status: 'error' | 'aborted';
	message: string;
	itemNumbers: number[];
}

/** Failures with the same endpoint and message as one line (20 rejected keys are one problem). */
export function groupFailures(failures: readonly FailureView[]): FailureGroup[] {
	const groups = new Map<string, FailureGroup>();
	for (const failure of failures) {
		const message =
			failure.status === 'aborted' ? 'stopped before the answer finished.' : failure.message;
		const key = `${failure.endpointLabel}\u0000${failure.status}\u0000${message}`;
		const group = groups.get(key);
		if (group) group.itemNumbers.push(failure.itemNumber);
		else {
			groups.set(key, {
				key,
				endpointLabel: failure.endpointLabel,
				status: failure.status,
				message,
				itemNumbers: [failure.itemNumber]
			});
		}
	}
	return [...groups.values()];
}

/** "items 1–4, 7 and 9" from item numbers. */
export function describeItems(numbers: readonly number[]): string {
	const sorted = [...new Set(numbers)].sort((a, b) => a - b);
	const ranges: string[] = [];
	for (let index = 0; index < sorted.length;) {
		let end = index;
		while (end + 1 < sorted.length && (sorted[end + 1] ?? 0) === (sorted[end] ?? 0) + 1) end++;
		const from = sorted[index];
		const to = sorted[end];
		ranges.push(from === to ? `${from}` : `${from}–${to}`);
		index = end + 1;
	}
	const last = ranges.pop() ?? '';
	const list = ranges.length > 0 ? `${ranges.join(', ')} and ${last}` : last;
	return `${sorted.length === 1 ? 'item' : 'items'} ${list}`;
}
