// The endpoint form's idle timeout: empty means the default (nothing stored), a number is kept,
// and anything out of range is named by its field.
import { describe, expect, it } from 'vitest';
import { draftFrom, emptyDraft, parseDraft } from '$lib/endpoints/draft';

const NOW = '2026-01-01T00:00:00.000Z';
const draft = (idleTimeoutSeconds: string) => ({
	...emptyDraft('custom', 'http://localhost:8000/v1'),
	label: 'Local',
	model: 'm',
	idleTimeoutSeconds
});

describe('endpoint draft idle timeout', () => {
	it('stores nothing when empty, keeps a number, and reads it back into the form', () => {
		const empty = parseDraft(draft(''), 'ep-1', NOW);
		expect(empty.ok && empty.endpoint.idleTimeoutSeconds).toBeUndefined();
		const set = parseDraft(draft('600'), 'ep-1', NOW);
		expect(set.ok && set.endpoint.idleTimeoutSeconds).toBe(600);
		if (set.ok) expect(draftFrom(set.endpoint, false).idleTimeoutSeconds).toBe('600');
	});

	it('names the field when the value is not a whole number of seconds from 5 to 3600', () => {
		for (const value of ['abc', '2', '99999', '1.5']) {
			const result = parseDraft(draft(value), 'ep-1', NOW);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(Object.keys(result.errors)).toEqual(['idleTimeoutSeconds']);
		}
	});
});
