import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
	EndpointSchema,
	JudgmentSchema,
	PromptItemSchema,
	PromptSetSchema,
	ResponseSchema,
	StudySchema,
	TrialSchema
} from '$lib/core/schema';
import { zodIssues } from '$lib/core/errors';
import {
	makeEndpoint,
	makeItem,
	makeJudgment,
	makePromptSet,
	makeResponse,
	makeStudy,
	makeTrial
} from '../../factories';

function fieldsRejected(schema: z.ZodType, value: unknown): string[] {
	const result = schema.safeParse(value);
	if (result.success) return [];
	return zodIssues(result.error, value).map((issue) => issue.field ?? '');
}

const CASES: [string, z.ZodType, () => Record<string, unknown>, [string, unknown, string][]][] = [
	[
		'Endpoint',
		EndpointSchema,
		makeEndpoint,
		[
			['baseURL', 'not a url', 'baseURL'],
			['baseURL', 'ftp://example.com', 'baseURL'],
			['model', '', 'model'],
			['label', '   ', 'label'],
			['params', { temperature: 3 }, 'params.temperature'],
			['params', { max_tokens: 0.5 }, 'params.max_tokens'],
			['headers', { 'bad header': 'x' }, 'headers.bad header'],
			['apiKey', 'sk-should-not-live-here', '']
		]
	],
	[
		'PromptItem',
		PromptItemSchema,
		makeItem,
		[
			['turns', [], 'turns'],
			['turns', ['ok', ''], 'turns[1]'],
			['traits', ['Not Kebab'], 'traits[0]'],
			['domain', 42, 'domain'],
			['source', {}, 'source.dataset'],
			['id', 'has space', 'id']
		]
	],
	['PromptSet', PromptSetSchema, makePromptSet, [['origin', 'web', 'origin']]],
	[
		'Study',
		StudySchema,
		makeStudy,
		[
			['endpointIds', ['ep-baseline'], 'endpointIds'],
			['endpointIds', ['ep-baseline', 'ep-baseline'], 'endpointIds'],
			['baselineEndpointId', 'ep-other', 'baselineEndpointId'],
			['seed', -1, 'seed'],
			['repeats', 0, 'repeats'],
			['revealPolicy', 'sometimes', 'revealPolicy'],
			['quality', { attentionShare: 0.9 }, 'quality.attentionShare']
		]
	],
	[
		'Response',
		ResponseSchema,
		makeResponse,
		[
			['status', 'finished', 'status'],
			['transcript', [{ role: 'robot', content: 'x' }], 'transcript[0].role'],
			['usage', { promptTokens: -1 }, 'usage.promptTokens'],
			['error', { kind: 'gremlins', message: 'x' }, 'error.kind']
		]
	],
	[
		'Trial',
		TrialSchema,
		makeTrial,
		[
			['rightEndpointId', 'ep-trained', 'leftEndpointId'],
			['kind', 'swap', 'swapOf'],
			['position', -1, 'position']
		]
	],
	[
		'Judgment',
		JudgmentSchema,
		makeJudgment,
		[
			['overall', 'left-slightly-better', 'overall'],
			['overall', null, 'overall'],
			['traitChoices', { truthfulness: 'maybe' }, 'traitChoices.truthfulness'],
			['flags', { left: ['rude'], right: [] }, 'flags.left[0]'],
			['decisionMs', -5, 'decisionMs'],
			['schema', 99, 'schema'],
			['createdAt', 'yesterday', 'createdAt']
		]
	]
];

describe.each(CASES)('%s schema', (_name, schema, make, invalid) => {
	it('accepts a valid example', () => {
		expect(schema.safeParse(make()).success).toBe(true);
	});

	it.each(invalid)('rejects %s = %j, naming the field', (field, value, expectedField) => {
		const fields = fieldsRejected(schema, { ...make(), [field]: value });
		expect(fields.length).toBeGreaterThan(0);
		expect(fields).toContain(expectedField);
	});
});

describe('Judgment', () => {
	it('accepts a skip with a reason and no overall choice', () => {
		const skip = makeJudgment({
			overall: null,
			skipReason: 'Both answers are empty',
			winnerEndpointId: null
		});
		expect(JudgmentSchema.safeParse(skip).success).toBe(true);
	});
});

describe('zodIssues', () => {
	it('shortens long values and masks key-like strings', () => {
		const value = { ...makeEndpoint(), label: 'x'.repeat(500), model: '' };
		const result = EndpointSchema.safeParse({ ...value, label: 42, extra: 'sk-abcdefghijklmnop' });
		expect(result.success).toBe(false);
		if (result.success) return;
		const issues = zodIssues(result.error, { ...value, extra: 'sk-abcdefghijklmnop' });
		expect(issues.every((issue) => (issue.value ?? '').length <= 60)).toBe(true);
		expect(JSON.stringify(issues)).not.toContain('abcdefghijklmnop');
	});
});
