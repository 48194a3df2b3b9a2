// Generation against the mock server, end to end: one endpoint answers slowly and cleanly, the
// other is rate limited once and drops its stream once per conversation; the page is reloaded
// halfway. The promise: every (item × endpoint) response ends up stored exactly once.
import { test, expect, resetMockFaults, watchPage } from './fixtures';
import { addEndpoint, allowNetworkErrors, createStudy, importPrompts } from './endpoint-helpers';

test('a 20-item study generates exactly 40 responses through 429s, a dropped stream and a reload', async ({
	page,
	mockUrl,
	problems,
	request
}) => {
	test.setTimeout(240_000);
	await resetMockFaults(request);
	await importPrompts(page, 'Generation e2e');
	await addEndpoint(page, {
		label: 'Gen baseline',
		role: 'baseline',
		baseURL: mockUrl,
		model: 'mock-baseline@slow',
		key: 'sk-gen-baseline-0123456789',
		remember: true
	});
	await addEndpoint(page, {
		label: 'Gen trained',
		role: 'trained',
		baseURL: mockUrl,
		model: 'mock-trained@slow@429once@droponce',
		key: 'sk-gen-trained-0123456789',
		remember: true
	});
	await createStudy(
		page,
		'Generation e2e study',
		['Gen baseline', 'Gen trained'],
		'Generation e2e'
	);

	const panel = page.getByRole('region', { name: 'Responses' });
	await expect(panel).toContainText(`40 of 40 responses to generate`);
	await panel.getByRole('button', { name: 'Generate responses' }).click();
	await expect(panel.getByRole('progressbar', { name: 'Generation progress' })).toBeVisible();
	const status = panel.getByRole('status');
	await expect(status).toContainText(/\b([6-9]|[1-2]\d|3[0-5]) of 40 done/, { timeout: 90_000 });

	await page.reload();
	await expect(status).toContainText(/of 40 done/);
	const afterReload = Number(/(\d+) of 40 done/.exec((await status.textContent()) ?? '')?.[1]);
	expect(afterReload).toBeLessThan(40);
	await panel.getByRole('button', { name: 'Generate responses' }).click();
	// Wait for the run to end either way, so a failure is reported with the message the user sees.
	const cancel = panel.getByRole('button', { name: 'Cancel' });
	await expect(cancel).toBeVisible();
	await expect(cancel).toBeHidden({ timeout: 150_000 });
	expect(await panel.getByRole('list', { name: 'Failed responses' }).allInnerTexts()).toEqual([]);
	await expect(status).toContainText('40 of 40 done · 0 failed');
	await expect(panel.getByText('40 responses stored')).toBeVisible();
	await expect(panel.getByRole('button', { name: 'Generate responses' })).toBeDisabled();

	// The faults really happened, and were absorbed.
	const recorded = (await (
		await request.get(`${mockUrl.replace(/\/v1$/, '')}/__control/requests`)
	).json()) as { method: string; status: number | null; dropped: boolean; body: unknown }[];
	const chats = recorded.filter((r) => r.method === 'POST');
	expect(chats.some((r) => r.status === 429)).toBe(true);
	expect(chats.some((r) => r.dropped)).toBe(true);
	allowNetworkErrors(problems);
});

test('a second tab refuses to generate a study the first tab is generating', async ({
	page,
	context,
	mockUrl,
	problems
}) => {
	test.setTimeout(120_000);
	await importPrompts(page, 'Two tabs');
	for (const [label, role, model] of [
		['Tabs baseline', 'baseline', 'mock-baseline@slow'],
		['Tabs trained', 'trained', 'mock-trained@slow']
	] as const) {
		await addEndpoint(page, {
			label,
			role,
			baseURL: mockUrl,
			model,
			key: `sk-${role}-tabs-0123456789`,
			remember: true
		});
	}
	await createStudy(page, 'Two tabs study', ['Tabs baseline', 'Tabs trained'], 'Two tabs');

	const second = await context.newPage();
	const secondProblems = watchPage(second);
	await second.goto(page.url());
	const panel = page.getByRole('region', { name: 'Responses' });
	const otherPanel = second.getByRole('region', { name: 'Responses' });
	await expect(otherPanel).toContainText('40 of 40 responses to generate');

	await panel.getByRole('button', { name: 'Generate responses' }).click();
	await expect(panel.getByRole('status')).toContainText(/[1-9]\d* of 40 done/, { timeout: 60_000 });
	await otherPanel.getByRole('button', { name: 'Generate responses' }).click();
	await expect(otherPanel.getByRole('alert')).toContainText(
		'Another tab or window is generating this study'
	);
	await panel.getByRole('button', { name: 'Cancel' }).click();
	expect(secondProblems.errors).toEqual([]);
	allowNetworkErrors(problems);
});
