// Promise 3, safe: prompts and answers carrying script tags, event handlers, javascript: links, SVG
// with onload and remote images are shown in the judging view as inert text. Nothing executes (no
// flag set, no dialog, no CSP violation in the console), no request leaves for a remote host, a
// remote image becomes a placeholder naming its address, and the page runs under a strict CSP.
// The first test takes the real path: prompts imported in the Prompts area, answered by the mock
// server's `mock-echo` model (which repeats the prompt verbatim), generated, then judged.
import type { Page } from '@playwright/test';
import { addEndpoint, createStudy } from './endpoint-helpers';
import { seedStudy, startJudging } from './arena-seed';
import { test, expect } from './fixtures';
import { SECURITY_HEADERS, netlifyHeaders } from '../../scripts/security-headers.ts';

const PAYLOADS = [
	'<script>window.__pwned = 1</script> Is this safe?',
	'<img src="x" onerror="window.__pwned = 2"> What does this show?',
	'Read [click me](javascript:window.__pwned=3) before answering.',
	'<svg onload="window.__pwned = 4"><circle r="5"/></svg> Draw a circle?',
	'Look: ![x](http://remote.example/a.png) What is in the picture?'
];

function watchNetwork(page: Page) {
	const seen = { remote: [] as string[], dialogs: [] as string[] };
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.protocol.startsWith('http') && !['127.0.0.1', 'localhost'].includes(url.hostname)) {
			seen.remote.push(request.url());
		}
	});
	page.on('dialog', (dialog) => {
		seen.dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	return seen;
}

async function inspect(page: Page) {
	return page.evaluate(() => {
		const root = document.querySelector('main') ?? document.body;
		const elements = [...root.querySelectorAll('*')];
		return {
			dangerous: elements
				.filter((el) => /^(script|img|svg|iframe|object|embed|style)$/i.test(el.tagName))
				.map((el) => el.tagName),
			handlers: elements.flatMap((el) =>
				[...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)
			),
			scriptLinks: elements.filter((el) => /^\s*javascript:/i.test(el.getAttribute('href') ?? ''))
				.length,
			pwned: (window as { __pwned?: number }).__pwned ?? null
		};
	});
}

async function judgeWithTies(page: Page) {
	for (const key of ['3', 'w', 's', 'x', 'h', 'Enter']) await page.keyboard.press(key);
}

async function expectInert(page: Page) {
	expect(await inspect(page)).toEqual({ dangerous: [], handlers: [], scriptLinks: 0, pwned: null });
}

test('prompts and answers with scripts, handlers, javascript: links, SVG and remote images stay inert while judging', async ({
	page,
	mockUrl,
	problems: _problems
}) => {
	test.setTimeout(180_000);
	const seen = watchNetwork(page);
	const file = PAYLOADS.map((turn, index) =>
		JSON.stringify({ question_id: 7000 + index, category: 'writing', turns: [turn] })
	).join('\n');
	await page.goto('./#/prompts');
	await page.getByLabel('Import file').setInputFiles({
		name: 'payloads.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(`${file}\n`)
	});
	await page.getByLabel('Set name').fill('Payload prompts');
	await page.getByRole('button', { name: `Import ${PAYLOADS.length} items` }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `Imported ${PAYLOADS.length} items` })
	).toBeVisible();
	for (const [label, role] of [
		['Echo baseline', 'baseline'],
		['Echo trained', 'trained']
	] as const) {
		await addEndpoint(page, {
			label,
			role,
			baseURL: mockUrl,
			model: 'mock-echo',
			key: 'sk-echo-0123456789'
		});
	}
	await createStudy(page, 'Payload study', ['Echo baseline', 'Echo trained'], 'Payload prompts');
	const studyId = /#\/studies\/([^/?]+)/.exec(page.url())?.[1] ?? '';
	const panel = page.getByRole('region', { name: 'Responses' });
	await panel.getByRole('button', { name: 'Generate responses' }).click();
	await expect(panel.getByRole('status')).toContainText(
		`${PAYLOADS.length * 2} of ${PAYLOADS.length * 2} done · 0 failed`,
		{ timeout: 60_000 }
	);

	await startJudging(page, studyId, 'rater-safe');
	const checked = { image: false, script: false };
	for (let trial = 1; trial <= PAYLOADS.length; trial++) {
		await expect(
			page.getByRole('heading', { name: `Trial ${trial} of ${PAYLOADS.length}` })
		).toBeVisible();
		const left = page.getByRole('region', { name: 'Left response', exact: true });
		await expect(left).toContainText(/[?.]/);
		const text = (await left.textContent()) ?? '';
		if (text.includes('remote.example')) {
			for (const side of ['Left response', 'Right response']) {
				await expect(
					page
						.getByRole('region', { name: side, exact: true })
						.getByText('Image not loaded: http://remote.example/a.png')
				).toBeVisible();
			}
			checked.image = true;
		}
		if (text.includes('window.__pwned = 1')) {
			await expect(left.getByText('<script>window.__pwned = 1</script>')).toBeVisible();
			checked.script = true;
		}
		await expectInert(page);
		await judgeWithTies(page);
	}
	await expect(page.getByRole('heading', { name: /All 5 trials judged/ })).toBeVisible();
	expect(checked).toEqual({ image: true, script: true });
	await expectInert(page);
	expect(seen.remote).toEqual([]);
	expect(seen.dialogs).toEqual([]);
});

test('a system instruction, reasoning and multi-turn answers with payloads stay inert too', async ({
	page,
	problems: _problems
}) => {
	const seen = watchNetwork(page);
	await seedStudy(page, {
		studyId: 'payload-seeded',
		name: 'Seeded payloads',
		endpoints: [
			{ id: 'p-a', label: 'A', model: 'a', baseURL: 'http://a.invalid/v1', role: 'baseline' },
			{ id: 'p-b', label: 'B', model: 'b', baseURL: 'http://b.invalid/v1', role: 'trained' }
		],
		items: [
			{
				system: `System says: ${PAYLOADS[0]} ${PAYLOADS[3]}`,
				turns: [PAYLOADS[1] ?? '', `Follow-up: ${PAYLOADS[2]}`],
				raterNote: PAYLOADS[4]
			}
		],
		answer: (_endpoint, _index, turn) =>
			`${PAYLOADS[turn + 3]} <b onclick="window.__pwned=9">bold</b>`,
		reasoning: () => `Thinking: ${PAYLOADS[0]} <iframe src="http://remote.example/frame"></iframe>`
	});
	await startJudging(page, 'payload-seeded', 'rater-safe-2');
	await expect(
		page.getByText('Image not loaded: http://remote.example/a.png').first()
	).toBeVisible();
	for (const details of await page.getByText('Reasoning', { exact: true }).all()) {
		await details.click();
	}
	await page.getByText('Note for raters').click();
	await expect(page.getByText(/Thinking:/).first()).toBeVisible();
	await expectInert(page);

	const csp = await page
		.locator('meta[http-equiv="Content-Security-Policy"]')
		.getAttribute('content');
	expect(csp).toContain("script-src 'self'");
	expect(csp).toContain("object-src 'none'");
	expect(csp).toMatch(/img-src 'self' data: blob:(;|$)/);
	expect(csp).not.toContain('unsafe-inline');
	expect(csp).not.toContain('unsafe-eval');
	expect(seen.remote).toEqual([]);
	expect(seen.dialogs).toEqual([]);
});

test('npm start’s server sends the hosting headers with the page, its scripts and the built _headers file', async ({
	request
}) => {
	const page = await request.get('./');
	const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
	expect(script).toBeDefined();
	for (const response of [page, await request.get(`./${script}`)]) {
		expect(response.ok()).toBe(true);
		for (const [name, value] of Object.entries(SECURITY_HEADERS))
			expect(response.headers()[name.toLowerCase()], name).toBe(value);
	}
	const built = await request.get('./_headers');
	expect(await built.text()).toBe(netlifyHeaders());
});
