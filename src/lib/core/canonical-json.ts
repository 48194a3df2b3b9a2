// One serialisation for everything compared or hashed: object keys sorted, no whitespace, so the
// same data always gives the same bytes (checksums, conflict detection, byte-identical exports).
export function canonicalJson(value: unknown): string {
	return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value !== null && typeof value === 'object') {
		const sorted: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) {
			const entry = (value as Record<string, unknown>)[key];
			if (entry !== undefined) sorted[key] = sortKeys(entry);
		}
		return sorted;
	}
	return value;
}
