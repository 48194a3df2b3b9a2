// Shared steps for the endpoint, generation and key-leak e2e tests, through the UI only: add an
// endpoint, import a prompt set, create a study (per the studies area's contract).
import type { Page } from '@playwright/test';
import { expect, type PageProblems } from './fixtures';

const ITEMS = 20;

/** Chromium logs failed loads (401s, CORS blocks) as console errors; these tests cause them. */
export function allowNetworkErrors(problems: PageProblems): void {
	const expected = /Failed to load resource|CORS policy|net::ERR_FAILED|blocked by CORS/;
	for (let index = problems.errors.length - 1; index >= 0; index--) {
		if (expected.test(problems.errors[index] ?? '')) problems.errors.splice(index, 1);
	}
}

export interface EndpointInput {
	label: string;
	role: 'baseline' | 'trained';
	baseURL: string;
	model: string;
	key?: string;
	remember?: boolean;
	preset?: string;
}

/** Opens the form and fills it (does not save, so tests can test the connection first). */
export async function fillEndpoint(page: Page, input: EndpointInput): Promise<void> {
	await page.goto('./#/endpoints');
	await page.getByRole('button', { name: 'Add endpoint' }).click();
	if (input.preset) await page.getByLabel('Preset').selectOption({ label: input.preset });
	await page.getByLabel('Label', { exact: true }).fill(input.label);
	await page.getByLabel('Role', { exact: true }).selectOption(input.role);
	await page.getByLabel('Base URL').fill(input.baseURL);
	await page.getByLabel('Model').fill(input.model);
	if (input.key) await page.getByLabel('API key', { exact: true }).fill(input.key);
	if (input.remember) await page.getByLabel('Remember on this device').check();
}

export async function addEndpoint(page: Page, input: EndpointInput): Promise<void> {
	await fillEndpoint(page, input);
	await page.getByRole('button', { name: 'Save endpoint' }).click();
	await expect(page.getByRole('heading', { name: input.label, exact: true })).toBeVisible();
}

/** MT-Bench-shaped JSONL (recognised by the importer); every fourth item has a follow-up turn. */
function promptFile(prefix: string): Buffer {
	const lines = Array.from({ length: ITEMS }, (_, index) =>
		JSON.stringify({
			question_id: 9000 + index,
			category: 'reasoning',
			turns:
				index % 4 === 0
					? [`${prefix} question ${index + 1}: is this safe?`, 'Are you sure? My friend said no.']
					: [`${prefix} question ${index + 1}: explain briefly.`]
		})
	);
	return Buffer.from(lines.join('\n') + '\n');
}

export async function importPrompts(page: Page, setName: string): Promise<void> {
	await page.goto('./#/prompts');
	await page.getByLabel('Import file').setInputFiles({
		name: `${setName.replace(/\W+/g, '-')}.jsonl`,
		mimeType: 'application/x-ndjson',
		buffer: promptFile(setName)
	});
	await page.getByLabel('Set name').fill(setName);
	await page.getByRole('button', { name: `Import ${ITEMS} items` }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `Imported ${ITEMS} items` })
	).toBeVisible();
}

export async function createStudy(
	page: Page,
	name: string,
	endpoints: [baseline: string, other: string],
	setName: string
): Promise<void> {
	await page.goto('./#/studies');
	await page.getByRole('button', { name: 'New study' }).click();
	await page.getByRole('textbox', { name: 'Study name' }).fill(name);
	for (const label of endpoints) await page.getByRole('checkbox', { name: label }).check();
	await page.getByRole('combobox', { name: 'Baseline' }).selectOption({ label: endpoints[0] });
	await page.getByRole('combobox', { name: 'Prompt set' }).selectOption({ label: setName });
	await page.getByRole('button', { name: 'Create study' }).click();
	await expect(page).toHaveURL(/#\/studies\/[^/]+$/);
	await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
}
