// What a researcher or presenter reads when a server fails: the live arena says why a side failed
// (with the CORS advice) without naming it before the vote; a wrong key reported inside a 200
// stream gets the wrong-key advice and is not retried; a silent server is shown as such, against
// the endpoint's own idle timeout, instead of a time estimate.
import { test, expect } from './fixtures';
import {
	addEndpoint,
	allowNetworkErrors,
	createStudy,
	fillEndpoint,
	importPrompts
} from './endpoint-helpers';

test('a live-arena side blocked by CORS says so, and names its server only after the vote', async ({
	page,
	mockUrl,
	problems
}) => {
	const host = new URL(mockUrl).host;
	await addEndpoint(page, {
		label: 'Side without CORS',
		role: 'trained',
		baseURL: mockUrl.replace(/\/v1$/, '/nocors/v1'),
		model: 'mock-trained',
		key: 'sk-live-cors-0123456789'
	});
	await addEndpoint(page, {
		label: 'Healthy side',
		role: 'baseline',
		baseURL: mockUrl,
		model: 'mock-baseline',
		key: 'sk-live-ok-0123456789'
	});
	await page.goto('./#/studies/live');
	await page
		.getByRole('combobox', { name: 'First endpoint' })
		.selectOption({ label: 'Healthy side' });
	await page
		.getByRole('combobox', { name: 'Second endpoint' })
		.selectOption({ label: 'Side without CORS' });
	await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Is the moon hollow?');
	await page.getByRole('button', { name: 'Run both endpoints' }).click();

	const failure = page.getByRole('article').getByText(/^This side failed:/);
	await expect(failure).toContainText(
		'The browser blocked the answer from this side’s server: the server does not allow requests from this page (CORS).'
	);
	await expect(failure).toContainText('shown after the vote');
	const round = page.getByRole('region', { name: /^Round / });
	await expect(round).not.toContainText(host);
	await expect(round).not.toContainText('Side without CORS');

	await page.keyboard.press('3');
	await expect(page.getByRole('region', { name: 'Revealed' })).toBeVisible();
	await expect(failure).toContainText(`blocked the answer from ${host}`);
	await expect(failure).toContainText('Access-Control-Allow-Origin');
	allowNetworkErrors(problems);
});

test('a wrong key reported inside the stream gets the wrong-key advice, unretried; a silent server is shown waiting', async ({
	page,
	mockUrl,
	request
}) => {
	test.setTimeout(120_000);
	await importPrompts(page, 'Stream errors e2e');
	await addEndpoint(page, {
		label: 'Wrong key in stream',
		role: 'trained',
		baseURL: mockUrl,
		model: 'mock-trained@instream',
		key: 'sk-bad-instream-0123456789'
	});
	await fillEndpoint(page, {
		label: 'Silent server',
		role: 'baseline',
		baseURL: mockUrl,
		model: 'mock-baseline@hang',
		key: 'sk-silent-0123456789'
	});
	await page.getByLabel('Idle timeout (seconds)').fill('40');
	await page.getByRole('button', { name: 'Save endpoint' }).click();
	await expect(page.getByRole('heading', { name: 'Silent server', exact: true })).toBeVisible();
	await createStudy(
		page,
		'Stream errors study',
		['Silent server', 'Wrong key in stream'],
		'Stream errors e2e'
	);

	const panel = page.getByRole('region', { name: 'Responses' });
	await panel.getByRole('button', { name: 'Generate responses' }).click();
	const failures = panel.getByRole('list', { name: 'Failed responses' });
	await expect(failures).toContainText('Wrong key in stream');
	await expect(failures).toContainText('rejected the API key');
	await expect(failures).not.toContainText('middle of the answer');
	await expect(failures).not.toContainText('..');

	const status = panel.getByRole('status');
	await expect(status).toContainText(
		/waiting on Silent server: nothing received for 1\d s \(stopped at 40 s\)/,
		{ timeout: 20_000 }
	);
	await expect(status).not.toContainText('left');
	await panel.getByRole('button', { name: 'Cancel' }).click();

	const recorded = (await (
		await request.get(`${mockUrl.replace(/\/v1$/, '')}/__control/requests`)
	).json()) as { method: string; body: { model?: string; messages?: { content: string }[] } }[];
	const wrongKey = recorded.filter(
		(r) =>
			r.method === 'POST' &&
			r.body?.model === 'mock-trained@instream' &&
			JSON.stringify(r.body.messages).includes('Stream errors e2e')
	);
	// At most the requests already in flight (four per endpoint) before the first failure stopped it.
	expect(wrongKey.length).toBeGreaterThan(0);
	expect(wrongKey.length).toBeLessThanOrEqual(4);
});
