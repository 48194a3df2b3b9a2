import { describe, expect, it } from 'vitest';
import { describeItems, groupFailures, tally, type FailureView } from '$lib/generation/tally';

describe('tally', () => {
	it('counts done, failed, stopped and truncated over the study plan only', () => {
		const entry = (status: 'done' | 'error' | 'aborted' | 'streaming', finishReason?: string) => ({
			status,
			finishReason,
			attempts: 1,
			createdAt: 'x'
		});
		const counts = tally(
			's',
			{
				items: [{ id: 'i1' }, { id: 'i2' }],
				endpoints: [
					{ id: 'a', label: 'A' },
					{ id: 'b', label: 'B' }
				]
			},
			new Map([
				['s:i1:a', entry('done', 'length')],
				['s:i1:b', entry('error')],
				['s:i2:a', entry('aborted')],
				['s:i2:b', entry('streaming')],
				['s:gone:a', entry('done')]
			])
		);
		expect(counts).toMatchObject({ total: 4, done: 1, failed: 1, stopped: 1, truncated: 1 });
		expect(counts.failures.map((f) => [f.itemNumber, f.endpointLabel, f.status])).toEqual([
			[1, 'B', 'error'],
			[2, 'A', 'aborted']
		]);
	});
});

describe('groupFailures', () => {
	it('merges the same problem on the same endpoint into one line with its items', () => {
		const failure = (itemNumber: number, endpointLabel: string, message: string): FailureView => ({
			id: `${itemNumber}${endpointLabel}`,
			itemNumber,
			endpointLabel,
			status: 'error',
			kind: 'auth',
			message
		});
		const groups = groupFailures([
			failure(1, 'T', 'bad key'),
			failure(2, 'T', 'bad key'),
			failure(3, 'B', 'bad key'),
			failure(4, 'T', 'bad key'),
			failure(6, 'T', 'bad key'),
			failure(5, 'T', 'timeout')
		]);
		expect(groups.map((g) => [g.endpointLabel, g.message, describeItems(g.itemNumbers)])).toEqual([
			['T', 'bad key', 'items 1–2, 4 and 6'],
			['B', 'bad key', 'item 3'],
			['T', 'timeout', 'item 5']
		]);
	});
});
