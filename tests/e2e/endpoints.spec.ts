// Endpoints through the UI against the mock server: adding, testing the connection (the good
// key, a rejected key, a server without CORS), remembering keys across a reload, forgetting them.
import { test, expect } from './fixtures';
import { addEndpoint, allowNetworkErrors, fillEndpoint } from './endpoint-helpers';

test.describe('endpoints', () => {
	test('a good endpoint connects and lists the mock models; a bad key is named as rejected', async ({
		page,
		mockUrl,
		problems
	}) => {
		await fillEndpoint(page, {
			label: 'Good baseline',
			role: 'baseline',
			baseURL: mockUrl,
			model: 'mock-baseline',
			key: 'sk-good-e2e-0123456789'
		});
		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText(
			'including mock-baseline'
		);
		await page.getByRole('button', { name: 'Save endpoint' }).click();
		await expect(page.getByRole('heading', { name: 'Good baseline' })).toBeVisible();

		await fillEndpoint(page, {
			label: 'Bad key',
			role: 'trained',
			baseURL: mockUrl,
			model: 'mock-trained',
			key: 'sk-bad-e2e-0123456789'
		});
		await page.getByRole('button', { name: 'Test connection' }).click();
		const alert = page.getByRole('alert').filter({ hasText: 'rejected' });
		await expect(alert).toContainText('rejected the API key (401)');
		await expect(alert).not.toContainText('sk-bad-e2e');
		allowNetworkErrors(problems);
	});

	test('a server without CORS headers gets a message that names CORS and how to enable it', async ({
		page,
		mockUrl,
		problems
	}) => {
		await fillEndpoint(page, {
			label: 'No CORS',
			role: 'trained',
			preset: 'Ollama',
			baseURL: mockUrl.replace(/\/v1$/, '/nocors/v1'),
			model: 'mock-trained',
			key: 'sk-good-e2e-0123456789'
		});
		await expect(page.getByLabel('Preset')).toHaveAccessibleDescription(/OLLAMA_ORIGINS/);
		await page.getByRole('button', { name: 'Test connection' }).click();
		const alert = page.getByRole('alert').filter({ hasText: 'CORS' });
		await expect(alert).toContainText('does not allow requests from this page (CORS)');
		await expect(alert).toContainText(`OLLAMA_ORIGINS=${new URL(page.url()).origin}`);
		await expect(alert).not.toHaveText(/^\s*Connection error\.?\s*$/);
		allowNetworkErrors(problems);
	});

	test('a remembered key survives a reload, a session key does not, and "Forget all keys" forgets both', async ({
		page,
		mockUrl
	}) => {
		await addEndpoint(page, {
			label: 'Remembered',
			role: 'baseline',
			baseURL: mockUrl,
			model: 'mock-baseline',
			key: 'sk-remember-e2e-0123456789',
			remember: true
		});
		await addEndpoint(page, {
			label: 'Session only',
			role: 'trained',
			baseURL: mockUrl,
			model: 'mock-trained',
			key: 'sk-session-e2e-0123456789'
		});
		const card = (label: string) => page.getByRole('article', { name: label });
		await expect(card('Session only')).toContainText('in memory for this session');
		await page.reload();
		await expect(card('Remembered')).toContainText('remembered on this device');
		await expect(card('Session only')).toContainText('no key');

		await page.getByRole('button', { name: 'Forget all keys' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'forgotten' })).toBeVisible();
		await expect(card('Remembered')).toContainText('no key');
		await page.reload();
		await expect(card('Remembered')).toContainText('no key');
	});

	test('edit, duplicate and delete an endpoint; the key field is masked with a show toggle', async ({
		page,
		mockUrl
	}) => {
		await addEndpoint(page, {
			label: 'Original',
			role: 'baseline',
			baseURL: mockUrl,
			model: 'mock-baseline',
			key: 'sk-original-e2e-0123456789'
		});
		await page
			.getByRole('article', { name: 'Original' })
			.getByRole('button', { name: 'Edit' })
			.click();
		const key = page.getByLabel('API key', { exact: true });
		await expect(key).toHaveAttribute('type', 'password');
		await expect(key).toHaveValue('');
		await page.getByRole('button', { name: 'Show key' }).click();
		await expect(key).toHaveAttribute('type', 'text');
		await page.getByLabel('Label', { exact: true }).fill('Renamed');
		await page.getByLabel('Temperature').fill('0.3');
		await page.getByRole('button', { name: 'Save endpoint' }).click();
		await expect(page.getByRole('heading', { name: 'Renamed', exact: true })).toBeVisible();

		await page
			.getByRole('article', { name: 'Renamed' })
			.getByRole('button', { name: 'Duplicate' })
			.click();
		const copy = page.getByRole('article', { name: 'Renamed (copy)' });
		await expect(copy).toContainText('in memory for this session');

		await copy.getByRole('button', { name: 'Delete' }).click();
		await copy.getByRole('button', { name: 'Delete for good' }).click();
		await expect(copy).toHaveCount(0);
		await expect(page.getByRole('article', { name: 'Renamed', exact: true })).toBeVisible();
	});

	test('secret headers are refused in "Extra headers"', async ({ page, mockUrl }) => {
		await fillEndpoint(page, {
			label: 'Header test',
			role: 'baseline',
			baseURL: mockUrl,
			model: 'mock-baseline'
		});
		await page.getByLabel('Extra headers').fill('Authorization: Bearer sk-oops-0123456789');
		await page.getByRole('button', { name: 'Save endpoint' }).click();
		await expect(page.getByText('put keys in the API key field')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Header test', exact: true })).toHaveCount(0);
	});
});
