// What the study page says while generating must agree with itself: counts that add up, no time
// left while paused, a rate that only counts real requests, and answers visible as they stream.
import { test, expect } from './fixtures';
import { addEndpoint, allowNetworkErrors, createStudy, importPrompts } from './endpoint-helpers';

test('the generation panel shows answers arriving, stops its clock when paused, and its counts agree', async ({
	page,
	mockUrl,
	problems
}) => {
	test.setTimeout(150_000);
	await importPrompts(page, 'Panel counts');
	await addEndpoint(page, {
		label: 'Panel slow',
		role: 'baseline',
		baseURL: mockUrl,
		model: 'mock-baseline@slow',
		key: 'sk-panel-slow-0123456789'
	});
	await addEndpoint(page, {
		label: 'Panel refused',
		role: 'trained',
		baseURL: mockUrl,
		model: 'mock-trained',
		key: 'sk-bad-panel-0123456789'
	});
	await createStudy(page, 'Panel counts study', ['Panel slow', 'Panel refused'], 'Panel counts');
	const panel = page.getByRole('region', { name: 'Responses' });
	await panel.getByRole('button', { name: 'Generate responses' }).click();

	const arriving = panel.getByRole('figure', { name: 'Latest answer arriving' });
	await expect(arriving).toContainText('Arriving from Panel slow:');
	await expect(arriving.getByRole('paragraph')).toHaveText(/\w{3}/);

	const status = panel.getByRole('status');
	await panel.getByRole('button', { name: 'Pause' }).click();
	await expect(status).toContainText('paused');
	await expect(status).not.toContainText(/left|responses\/min/);
	await panel.getByRole('button', { name: 'Resume' }).click();

	await expect(status).toContainText('20 of 40 done · 20 failed', { timeout: 120_000 });
	await expect(panel.getByText('40 responses stored (20 finished, 20 failed)')).toBeVisible();
	await expect(arriving).toHaveCount(0);
	allowNetworkErrors(problems);
});
