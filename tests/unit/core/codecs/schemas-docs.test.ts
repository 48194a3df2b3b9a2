import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildJudgmentRecord } from '$lib/core/codecs/judgment-record';
import { SCHEMA_DIR, schemaFiles } from '../../../../scripts/gen-schemas';
import { syntheticWorld, worldContexts } from '../analysis/synthetic';

interface JsonSchema {
	properties?: Record<string, JsonSchema>;
	required?: string[];
	anyOf?: JsonSchema[];
}

describe('docs/schemas', () => {
	it('are up to date with the zod schemas (run `npm run docs:schemas`)', () => {
		for (const [name, content] of Object.entries(schemaFiles())) {
			expect(readFileSync(join(SCHEMA_DIR, name), 'utf8'), name).toBe(content);
		}
	});

	it('describe every field an exported record has, and require what it always has', () => {
		const schema = JSON.parse(schemaFiles()['judgment-record.schema.json'] ?? '{}') as JsonSchema;
		const [record] = [...worldContexts(syntheticWorld({ judgments: 1, items: 1 }))].map(
			buildJudgmentRecord
		);
		const check = (value: unknown, node: JsonSchema, path: string) => {
			if (!node.properties || typeof value !== 'object' || value === null) return;
			const keys = Object.keys(value).filter(
				(key) => (value as Record<string, unknown>)[key] !== undefined
			);
			for (const key of keys) expect(node.properties, `${path}.${key}`).toHaveProperty(key);
			for (const key of node.required ?? []) expect(keys, `${path} requires ${key}`).toContain(key);
			for (const key of keys) {
				const child = node.properties[key];
				const object = child?.anyOf?.find((option) => option.properties) ?? child;
				if (object) check((value as Record<string, unknown>)[key], object, `${path}.${key}`);
			}
		};
		check(record, schema, 'record');
	});
});
