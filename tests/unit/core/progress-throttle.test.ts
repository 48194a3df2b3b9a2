// Worker progress is thinned to what a progress bar needs, and the bar always ends full.
import { describe, expect, it } from 'vitest';
import { throttleProgress } from '$lib/core/progress-throttle';

describe('throttleProgress', () => {
	it('passes the first report, then one per interval, and always the last', () => {
		let time = 1000;
		const sent: number[] = [];
		const report = throttleProgress<{ done: number; total: number }>(
			({ done }) => sent.push(done),
			50,
			() => time
		);
		report({ done: 0, total: 10 });
		time += 10;
		report({ done: 1, total: 10 });
		time += 45;
		report({ done: 2, total: 10 });
		time += 5;
		report({ done: 3, total: 10 });
		report({ done: 10, total: 10 });
		expect(sent).toEqual([0, 2, 10]);
	});
});
