// Keys held for the session end with it. Generating after a restart must not send a request that
// the server will refuse: the study page says which key is missing and takes it right there.
import { test, expect } from './fixtures';
import { addEndpoint, createStudy, importPrompts } from './endpoint-helpers';

test('after a restart, generation asks for the session keys it lost before sending anything', async ({
	page,
	mockUrl,
	problems: _problems
}) => {
	test.setTimeout(120_000);
	await importPrompts(page, 'Session keys');
	for (const [label, role] of [
		['Keyed baseline', 'baseline'],
		['Keyed trained', 'trained']
	] as const) {
		await addEndpoint(page, {
			label,
			role,
			baseURL: mockUrl,
			model: `mock-${role}`,
			key: `sk-session-${role}-0123456789`
		});
	}
	await createStudy(
		page,
		'Session keys study',
		['Keyed baseline', 'Keyed trained'],
		'Session keys'
	);
	const sent: string[] = [];
	page.on('request', (request) => {
		if (request.method() === 'POST' && request.url().includes('/chat/completions')) {
			sent.push(request.url());
		}
	});

	// A restart: the page's memory, and with it every session key, is gone.
	await page.reload();
	const panel = page.getByRole('region', { name: 'Responses' });
	const keys = panel.getByRole('group', { name: /^No API key entered in this session for/ });
	await expect(keys).toContainText('Keyed baseline, Keyed trained');
	await panel.getByRole('button', { name: 'Generate responses' }).click();
	await expect(panel.getByRole('alert')).toContainText(
		'No API key entered in this session for Keyed baseline, Keyed trained.'
	);
	expect(sent).toEqual([]);
	await expect(panel.getByRole('status')).toContainText('0 failed');

	await keys.getByLabel('API key for Keyed baseline').fill('sk-session-baseline-0123456789');
	await keys.getByRole('button', { name: 'Use this key' }).first().click();
	await expect(keys).not.toContainText('Keyed baseline,');
	expect(sent).toEqual([]);
	await keys.getByLabel('API key for Keyed trained').fill('sk-session-trained-0123456789');
	await keys.getByRole('button', { name: 'Use this key' }).click();
	// The refused start goes ahead once every key is in.
	await expect(panel.getByRole('status')).toContainText('40 of 40 done · 0 failed', {
		timeout: 90_000
	});
	await expect(keys).toHaveCount(0);
});
