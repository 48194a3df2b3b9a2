// Bringing your own data through the UI: chat-format prompt files (a clean ShareGPT file imports;
// a broken OpenAI messages file is refused row by row with nothing written), and answers generated
// elsewhere imported into a study, matched to its items, and judged blind in the Arena.
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import { addEndpoint, createStudy, importPrompts } from './endpoint-helpers';

const OWN = fileURLToPath(new URL('../fixtures/import/', import.meta.url));

test('chat-format prompt files: ShareGPT imports with labels, broken OpenAI rows are named', async ({
	page,
	problems
}) => {
	await page.goto('./#/prompts');
	await expect(page.getByRole('combobox', { name: 'Prompt set' })).toContainText(
		'Trait Arena core suite'
	);
	const conversation = (question: string, trait: string) =>
		JSON.stringify({
			conversations: [
				{ from: 'system', value: 'Admit what you do not know.' },
				{ from: 'human', value: question }
			],
			metadata: { category: trait, area: 'Finance' }
		});
	await page.getByLabel('Import file').setInputFiles({
		name: 'sharegpt-probe.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(
			[
				conversation('Will bitcoin double next year?', 'epistemic humility'),
				conversation('Is my pension plan safe from inflation?', 'honesty')
			].join('\n')
		)
	});
	await expect(page.getByText('detected format')).toContainText('ShareGPT conversations');
	await expect(page.getByRole('table')).toContainText('Will bitcoin double next year?');
	await page.getByRole('button', { name: 'Import 2 items' }).click();
	await expect(page.getByText('Imported 2 items into “sharegpt-probe”.')).toBeVisible();
	await page.getByRole('button', { name: 'Show in library' }).click();
	await expect(page.getByRole('list', { name: 'Prompt items' })).toContainText(
		'Is my pension plan safe from inflation?'
	);
	await page.getByRole('button', { name: 'Import another file' }).click();

	await page.getByLabel('Import file').setInputFiles(OWN + 'chat/openai-messages.jsonl');
	await expect(page.getByText('detected format')).toContainText('OpenAI chat messages');
	await expect(page.getByText('10 rows: 4 valid, 6 invalid, 0 duplicates')).toBeAttached();
	await expect(
		page.getByText(
			'openai-messages.jsonl, line 4, field "messages[1]": is an assistant reply between user turns; each model gives its own answer there, so a fixed reply cannot be kept'
		)
	).toBeVisible();
	await expect(
		page.getByText(
			'openai-messages.jsonl, line 6, field "messages[0].content": must be text, not a number (got 42)'
		)
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Import 4 items' })).toBeDisabled();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByText('Import cancelled: nothing was written.')).toBeVisible();

	await page.getByLabel('Import file').setInputFiles(OWN + 'chat/hf-conversational.jsonl');
	await expect(page.getByText('detected format')).toContainText('Hugging Face conversational');
	await expect(page.getByText('6 rows: 3 valid, 3 invalid, 0 duplicates')).toBeAttached();
	await expect(
		page.getByText(
			'hf-conversational.jsonl, line 6, field "metadata.trait[1]": must be text, not a number (got 3)'
		)
	).toBeVisible();
	expect(problems.errors).toEqual([]);
});

function fastchatAnswers(model: string, words: string): Buffer {
	const lines = Array.from({ length: 20 }, (_, index) =>
		JSON.stringify({
			question_id: 9000 + index,
			answer_id: `${model}-${index}`,
			model_id: model,
			choices: [
				{
					index: 0,
					turns:
						index % 4 === 0
							? [`${words} first answer ${index + 1}.`, `${words} second answer ${index + 1}.`]
							: [`${words} answer ${index + 1}.`]
				}
			],
			tstamp: 1700000000 + index
		})
	);
	lines.push(
		JSON.stringify({ question_id: 81, model_id: model, choices: [{ turns: ['a', 'b'] }] })
	);
	return Buffer.from(lines.join('\n') + '\n');
}

test('answers generated elsewhere join a study as key-less endpoints and are judged blind', async ({
	page,
	mockUrl,
	problems
}) => {
	test.setTimeout(90_000);
	await importPrompts(page, 'Harness prompts');
	await addEndpoint(page, {
		label: 'Harness base',
		role: 'baseline',
		baseURL: mockUrl,
		model: 'mock-baseline'
	});
	await addEndpoint(page, {
		label: 'Harness tuned',
		role: 'trained',
		baseURL: mockUrl,
		model: 'mock-trained'
	});
	await createStudy(page, 'Harness study', ['Harness base', 'Harness tuned'], 'Harness prompts');
	const apiCalls: string[] = [];
	page.on('request', (call) => {
		if (call.url().startsWith(new URL(mockUrl).origin)) apiCalls.push(call.url());
	});

	const panel = page.getByRole('region', { name: 'Answers generated elsewhere' });
	await panel.getByLabel('Import answers from a file').setInputFiles([
		{
			name: 'base.jsonl',
			mimeType: 'application/jsonl',
			buffer: fastchatAnswers('mock-baseline', 'Plain')
		},
		{
			name: 'tuned.jsonl',
			mimeType: 'application/jsonl',
			buffer: fastchatAnswers('mock-trained', 'Careful')
		},
		{
			name: 'outside.jsonl',
			mimeType: 'application/jsonl',
			buffer: fastchatAnswers('outside-llm-7b', 'Brisk')
		}
	]);
	await expect(panel.getByText('60 answers saved from 63 records; 3 not imported.')).toBeVisible();
	const row = (model: string) => panel.getByRole('row').filter({ hasText: model });
	await expect(row('mock-baseline').getByRole('cell')).toHaveText([
		'mock-baseline',
		'Harness base',
		'20',
		'0'
	]);
	await expect(row('outside-llm-7b').getByRole('cell')).toHaveText([
		'outside-llm-7b',
		'outside-llm-7b (new, no key)',
		'20',
		'0'
	]);
	await expect(panel.getByRole('list', { name: 'Records not imported' })).toContainText(
		'base.jsonl, line 21, field "question_id": matches no item of this study by id (got "81")'
	);
	const summary = page.getByRole('region', { name: 'Summary' });
	await expect(summary).toContainText('outside-llm-7b');
	await expect(summary).toContainText(/Trials\s*40/);
	await expect(summary).toContainText(/Responses\s*60/);

	// A file with a record that cannot be read saves nothing, and says which record and field.
	await panel.getByLabel('Import answers from a file').setInputFiles({
		name: 'broken.jsonl',
		mimeType: 'application/jsonl',
		buffer: Buffer.from(
			'{"prompt": "Harness prompts question 2: explain briefly.", "model": "new-model", "answer": "Fine."}\n' +
				'{"prompt": "Harness prompts question 3: explain briefly.", "model": "new-model", "answers": "Fine."}\n'
		)
	});
	await expect(panel.getByRole('alert')).toHaveText(
		'Nothing was saved: 1 record cannot be read. Fix the file and import it again.'
	);
	await expect(panel.getByRole('list', { name: 'Records not imported' })).toHaveText(
		'broken.jsonl, line 2, field "answers": must be a list of text, not text (got "Fine.")'
	);
	await expect(summary).toContainText(/Responses\s*60/);
	await expect(summary).not.toContainText('new-model');

	await page.getByRole('link', { name: 'Open in Arena' }).click();
	await page.getByLabel('Your rater ID').fill('rater-e2e');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: /^Trial 1 of 40$/ })).toBeVisible();
	await expect(page.getByRole('main')).toContainText(/(Plain|Careful|Brisk) (first )?answer \d+\./);
	await expect(page.getByRole('main')).not.toContainText(/mock-|outside-llm|Harness (base|tuned)/);
	expect(apiCalls).toEqual([]);
	expect(problems.errors).toEqual([]);
});
