// The no-key demo: a fresh install opens the arena on the built-in demo study, judging works with
// no endpoint, key or network, and (reveal policy after-vote) the identities appear only once the
// vote is stored, both at once.
import { test, expect } from './fixtures';

test('a fresh install opens a working demo arena with no key and no network, revealing identities only after the vote', async ({
	page,
	problems: _problems
}) => {
	const remote: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:') {
			remote.push(request.url());
		}
	});
	await page.goto('./');
	await expect(page.getByRole('heading', { name: 'Arena', level: 1 })).toBeVisible();
	const study = page.getByRole('combobox', { name: 'Study' });
	await expect(study.locator('option:checked')).toHaveText(/Illustrative demo.*\(demo\)/);
	await page.getByLabel('Your rater ID').fill('demo-visitor');
	await page.getByRole('button', { name: 'Start judging' }).click();

	await expect(page.getByRole('heading', { name: 'Trial 1 of 12' })).toBeVisible();
	await expect(page.getByRole('region', { name: /^Left response/ }).first()).toContainText(/\w{3}/);
	await expect(page.getByText('Demo baseline (illustrative)')).toHaveCount(0);
	await expect(page.getByText('Demo trained (illustrative)')).toHaveCount(0);

	await page.getByRole('radio', { name: 'Left better', exact: true }).check();
	const traits = page.getByRole('group', { name: /which response shows it better/ });
	for (const group of await traits.all()) await group.getByRole('radio', { name: 'Left' }).check();
	await page.getByRole('button', { name: /Submit/ }).click();

	const reveal = page.getByRole('region', { name: 'Revealed' });
	await expect(reveal).toContainText('Demo baseline (illustrative)');
	await expect(reveal).toContainText('Demo trained (illustrative)');
	await expect(reveal).toContainText('Your vote: left better (saved).');
	await expect(reveal.getByRole('button', { name: /Next trial/ })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Trial 2 of 12' })).toBeVisible();
	await expect(page.getByText('Demo trained (illustrative)')).toHaveCount(0);
	await expect(page.getByRole('progressbar', { name: 'Trials judged' })).toHaveAttribute(
		'aria-valuenow',
		'1'
	);

	// The rater is remembered on this device: a reload goes straight back to trial 2.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Trial 2 of 12' })).toBeVisible();
	expect(remote).toEqual([]);
});

test('the demo arena keeps working offline once loaded', async ({
	page,
	context,
	problems: _p
}) => {
	await page.goto('./');
	await page.getByLabel('Your rater ID').fill('offline-rater');
	await page.getByRole('button', { name: 'Start judging' }).click();
	await expect(page.getByRole('heading', { name: 'Trial 1 of 12' })).toBeVisible();
	await context.setOffline(true);
	await page.keyboard.press('3');
	for (const group of await page
		.getByRole('group', { name: /which response shows it better/ })
		.all()) {
		await group.getByRole('radio', { name: 'Tie' }).check();
	}
	await page.keyboard.press('Enter');
	await expect(page.getByRole('region', { name: 'Revealed' })).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Trial 2 of 12' })).toBeVisible();
	await context.setOffline(false);
});
