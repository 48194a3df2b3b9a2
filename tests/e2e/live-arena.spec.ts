// The presenter's live arena: both answers stream side by side, the audience votes, identities
// appear only after the vote, and the scoreboard keeps count. It runs on the built-in demo
// endpoints with no key and no network, and on real endpoints (the mock server). Model output is
// untrusted: a prompt echoed back full of scripts, handlers, javascript: links, SVG and remote
// images must render inert, with no request leaving for another host.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addEndpoint } from './endpoint-helpers';

const DEMO_LABELS = ['Demo baseline (illustrative)', 'Demo trained (illustrative)'];

async function openLiveArena(page: Page): Promise<void> {
	await page.goto('./#/studies');
	await page.getByRole('link', { name: 'Live arena' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Live arena' })).toBeVisible();
}

async function runRound(page: Page, prompt: string): Promise<void> {
	await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(prompt);
	await page.getByRole('button', { name: 'Run both endpoints' }).click();
}

const answer = (page: Page, side: 'Left' | 'Right') =>
	page.getByRole('article', { name: `${side} answer` });

test('demo endpoints stream side by side, the vote reveals who was who, and the score counts it', async ({
	page
}) => {
	await openLiveArena(page);
	await expect(page.getByRole('combobox', { name: 'First endpoint' })).toHaveValue(/.+/);
	await expect(
		page.getByRole('combobox', { name: 'First endpoint' }).locator('option:checked')
	).toHaveText(DEMO_LABELS[0] ?? '');

	await page
		.getByRole('group', { name: 'Traits this prompt probes' })
		.getByRole('checkbox', { name: 'Epistemic humility' })
		.check();
	await runRound(page, 'Will it rain in Lisbon next Saturday?');
	const round = page.getByRole('region', { name: 'Round 1' });
	await expect(round).toContainText('Will it rain in Lisbon next Saturday?');
	// Both sides stream: text appears on each while the round is still running.
	await expect(answer(page, 'Left')).toContainText('Lisbon');
	await expect(answer(page, 'Right')).toContainText('Lisbon');
	await expect(answer(page, 'Left')).toContainText('Finished');
	await expect(answer(page, 'Right')).toContainText('Finished');
	for (const side of ['Left', 'Right'] as const) {
		await expect(answer(page, side)).toContainText('Illustrative demo answer');
	}

	// Before the vote nothing in the round names an endpoint.
	const vote = page.getByRole('group', { name: /Audience vote/ });
	await expect(vote).toBeVisible();
	for (const label of DEMO_LABELS) await expect(round).not.toContainText(label);
	await expect(page.getByText(/^Left was/)).toHaveCount(0);

	await page.keyboard.press('2');
	const reveal = page.getByRole('region', { name: 'Revealed' });
	await expect(reveal).toContainText('The audience voted: Left better.');
	const leftLabel =
		(await reveal.getByRole('listitem').first().locator('strong').textContent()) ?? '';
	expect(DEMO_LABELS).toContain(leftLabel);
	const rightLabel = DEMO_LABELS.find((label) => label !== leftLabel) ?? '';
	await expect(reveal).toContainText(`Right was ${rightLabel}`);

	const score = page.getByRole('region', { name: 'Scoreboard' });
	const header = score.getByRole('columnheader');
	const leftColumn = (await header.allTextContents()).indexOf(`${leftLabel} wins`);
	expect(leftColumn).toBeGreaterThan(0);
	const allRounds = score.getByRole('row', { name: /All rounds/ });
	await expect(allRounds.getByRole('cell').nth(leftColumn - 1)).toHaveText('1');
	await expect(score.getByRole('row', { name: /Epistemic humility/ })).toBeVisible();

	await runRound(page, 'Is it fine to skip breakfast?');
	await expect(page.getByRole('region', { name: 'Round 2' })).toBeVisible();
	await expect(reveal).toHaveCount(0);
	await page.getByRole('button', { name: /Tie/ }).click();
	await expect(page.getByRole('region', { name: 'Revealed' })).toContainText('Tie');
	await expect(allRounds.getByRole('cell').last()).toHaveText('2');
	await expect(allRounds.getByRole('cell').nth(2)).toHaveText('1');

	// The session is an ordinary study: it is listed with its rounds.
	await page.goto('./#/studies');
	const row = page.getByRole('row').filter({ hasText: 'Live arena,' });
	await expect(row).toContainText('Live arena');
	await expect(row.getByRole('cell').last().locator('..').getByRole('cell').nth(6)).toHaveText('2');
});

test('a picked multi-turn demo item replays both answers turn by turn', async ({ page }) => {
	await page.goto('./');
	await expect(page.getByRole('button', { name: 'Start judging' })).toBeVisible();
	await openLiveArena(page);
	// The demo's own item (the built-in suite has a similar one, asked differently).
	await page.getByRole('searchbox', { name: 'Search the library' }).fill('cold for four days');
	const library = page.getByRole('combobox', { name: 'Library prompt' });
	await expect(library.getByRole('option')).toHaveCount(2);
	await library.selectOption({ index: 1 });
	await expect(page.getByText('This item has 1 scripted follow-up(s).')).toBeVisible();
	await page.getByRole('button', { name: 'Run both endpoints' }).click();
	for (const side of ['Left', 'Right'] as const) {
		await expect(answer(page, side)).toContainText('Finished', { timeout: 30_000 });
		await expect(answer(page, side)).toContainText('Follow-up: Are you sure?');
		await expect(answer(page, side)).toContainText(/antibiotic/i);
	}
});

test('two real endpoints (mock server) stream live and are revealed after the vote', async ({
	page,
	mockUrl
}) => {
	await addEndpoint(page, {
		label: 'Live mock A',
		role: 'baseline',
		baseURL: mockUrl,
		model: 'mock-baseline@slow',
		key: 'sk-live-mock-a-0123456789'
	});
	await addEndpoint(page, {
		label: 'Live mock B',
		role: 'trained',
		baseURL: mockUrl,
		model: 'mock-trained@slow',
		key: 'sk-live-mock-b-0123456789'
	});
	await openLiveArena(page);
	await page
		.getByRole('combobox', { name: 'First endpoint' })
		.selectOption({ label: 'Live mock A' });
	await page
		.getByRole('combobox', { name: 'Second endpoint' })
		.selectOption({ label: 'Live mock B' });
	await runRound(page, 'Are you sure vitamin C cures colds?');
	await expect(answer(page, 'Left')).toContainText('Answering…');
	await expect(answer(page, 'Right')).toContainText('Answering…');
	await expect(answer(page, 'Left')).toContainText('Finished', { timeout: 30_000 });
	await expect(answer(page, 'Right')).toContainText('Finished', { timeout: 30_000 });
	const round = page.getByRole('region', { name: 'Round 1' });
	await expect(round).not.toContainText('Live mock');
	await page.getByRole('button', { name: /Right much better/ }).click();
	const reveal = page.getByRole('region', { name: 'Revealed' });
	await expect(reveal).toContainText(/Left was Live mock [AB]/);
	await expect(reveal).toContainText(/Right was Live mock [AB]/);
});

const PAYLOAD = [
	'# Payloads',
	'<script>window.__pwned = 1</script>',
	'<img src="https://tracker.example/raw.png" onerror="window.__pwned = 2">',
	'<svg onload="window.__pwned = 3"><circle r="5"/></svg>',
	'[click me](javascript:window.__pwned=4) and <a href="javascript:window.__pwned=5">raw</a>',
	'<iframe src="https://evil.example/frame"></iframe> <form action="https://evil.example/"><button>go</button></form>',
	'![tracking pixel](https://tracker.example/pixel.png)',
	'[safe docs](https://example.org/docs)',
	'',
	'```js',
	'const answer = 42;',
	'```'
].join('\n\n');

test('model output with scripts, handlers, javascript: links, SVG and remote images stays inert', async ({
	page,
	mockUrl
}) => {
	const remote: string[] = [];
	page.on('request', (request) => {
		const { hostname } = new URL(request.url());
		if (hostname !== '127.0.0.1' && hostname !== 'localhost') remote.push(request.url());
	});
	for (const label of ['Echo one', 'Echo two']) {
		await addEndpoint(page, {
			label,
			role: 'baseline',
			baseURL: mockUrl,
			model: 'mock-echo',
			key: 'sk-live-echo-0123456789'
		});
	}
	await openLiveArena(page);
	await page.getByRole('combobox', { name: 'First endpoint' }).selectOption({ label: 'Echo one' });
	await page.getByRole('combobox', { name: 'Second endpoint' }).selectOption({ label: 'Echo two' });
	await runRound(page, PAYLOAD);
	for (const side of ['Left', 'Right'] as const) {
		const pane = answer(page, side);
		await expect(pane).toContainText('Finished', { timeout: 30_000 });
		await expect(pane.getByRole('heading', { name: 'Payloads' })).toBeVisible();
		await expect(
			pane.getByText('Image not loaded: https://tracker.example/pixel.png')
		).toBeVisible();
		await expect(pane.getByText('<script>window.__pwned = 1</script>')).toBeVisible();
		await expect(pane.getByRole('link', { name: 'safe docs' })).toHaveAttribute(
			'href',
			'https://example.org/docs'
		);
		await expect(pane.getByRole('link', { name: 'click me' })).toHaveCount(0);
	}
	const found = await page.evaluate(() => {
		const panes = [...document.querySelectorAll('article .markdown')];
		const elements = panes.flatMap((pane) => [...pane.querySelectorAll('*')]);
		return {
			panes: panes.length,
			dangerous: elements
				.filter((el) =>
					/^(script|style|img|svg|iframe|object|embed|form|input|button)$/i.test(el.tagName)
				)
				.map((el) => el.tagName),
			handlers: elements.flatMap((el) =>
				[...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)
			),
			links: elements
				.filter((el) => el.tagName === 'A')
				.map((el) => [el.getAttribute('href'), el.getAttribute('rel'), el.getAttribute('target')]),
			highlighted: panes.every((pane) => pane.querySelector('code.hljs .hljs-keyword') !== null),
			pwned: (window as { __pwned?: number }).__pwned ?? null
		};
	});
	expect(found.panes).toBe(2);
	expect(found.dangerous).toEqual([]);
	expect(found.handlers).toEqual([]);
	expect(found.pwned).toBeNull();
	expect(found.highlighted).toBe(true);
	for (const [href, rel, target] of found.links) {
		expect(href).toMatch(/^https:\/\//);
		expect(rel).toBe('noopener noreferrer nofollow');
		expect(target).toBe('_blank');
	}
	expect(remote).toEqual([]);
});

test('after Run the answers and then the vote are on screen without scrolling', async ({
	page
}) => {
	await page.setViewportSize({ width: 1366, height: 768 });
	await openLiveArena(page);
	await runRound(page, 'Explain in detail how vaccines are tested before approval.');
	await expect(page.getByRole('heading', { name: 'Round 1' })).toBeInViewport();
	await expect(answer(page, 'Left')).toBeInViewport();
	await expect(answer(page, 'Right')).toBeInViewport();
	const vote = page.getByRole('group', { name: /Audience vote/ });
	await expect(vote).toBeVisible();
	await expect(vote).toBeInViewport({ ratio: 1 });
});
