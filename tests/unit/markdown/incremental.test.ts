// The incremental renderer must be indistinguishable from rendering the finished answer at once,
// however the stream happens to be chunked: checked on hand-picked tricky documents and on random
// Markdown cut at random places.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncrementalMarkdown, renderablePrefix } from '$lib/markdown/incremental';
import { createMarkdownEngine, type MarkdownEngine } from '$lib/markdown/render';

const fakeHighlight = (code: string, language: string) =>
	language === 'js' ? `<span class="hljs-keyword">${code.length}</span>` : undefined;

function engine(): MarkdownEngine {
	return createMarkdownEngine(fakeHighlight);
}

/** Feeds `source` cut at `cuts`, then marks the stream finished; returns the final HTML. */
function streamed(source: string, cuts: readonly number[], markdown = engine()): string {
	const incremental = new IncrementalMarkdown(markdown);
	const ends = [...new Set(cuts.map((cut) => Math.min(cut, source.length)))].sort((a, b) => a - b);
	for (const end of ends) incremental.update(source.slice(0, end), true);
	incremental.update(source, false);
	return incremental.html;
}

function everyPrefix(source: string): number[] {
	return Array.from({ length: source.length + 1 }, (_, index) => index);
}

const TRICKY = {
	'a paragraph that becomes the next item of a list': '1. one\n\n2. two\n\nafter\n',
	'a loose list with continuation paragraphs':
		'- a\n\n  more of a\n\n- b\n\n      code in b\n\nend',
	'a setext heading': 'para\nline\n===\n\nnext\n---\n',
	'a table growing row by row': 'intro\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\n\nafter',
	'an unclosed then closed fence': 'x\n\n```js\nlet a = 1;\n\n\nlet b;\n```\n\nafter ```\n',
	'a reference defined after its use':
		'see [docs][d] and [x]\n\nmore\n\n[d]: https://example.org "T"\n\nend',
	'a quote with lazy continuation': '> quoted\nlazy line\n\n> second\n\n    indented code\n\ntext',
	'raw HTML and a script':
		'<div onclick="x()">\n<script>alert(1)</script>\n\n</div>\n\ntext <b>bold</b>',
	'images and links':
		'![a](https://img.example/x.png) [j](javascript:alert(1)) <https://ok.example>\n',
	'CRLF line ends': 'one\r\n\r\n- a\r\n- b\r\n\r\ntwo\r\n',
	'headings and rules': '# H1\ntext\n***\n## H2\n\n---\n\n- [ ] task\n- [x] done\n'
};

describe('incremental Markdown', () => {
	for (const [name, source] of Object.entries(TRICKY)) {
		it(`equals a full render for ${name}, chunk by chunk`, () => {
			const full = engine().renderFull(source, { highlight: true });
			expect(streamed(source, everyPrefix(source))).toBe(full);
		});
	}

	it('freezes finished blocks and re-renders only the tail', () => {
		const incremental = new IncrementalMarkdown(engine());
		incremental.update('# Title\n\nFirst para', true);
		expect(incremental.blocks).toEqual([]);
		incremental.update('# Title\n\nFirst para.\n\nSecond', true);
		expect(incremental.blocks.map((block) => block.html)).toEqual(['<h1>Title</h1>\n']);
		const update = incremental.update('# Title\n\nFirst para.\n\nSecond para.\n', true);
		expect(update.added.map((block) => block.html)).toEqual(['<p>First para.</p>\n']);
		expect(update.tail).toBe('<p>Second para.</p>\n');
		expect(update.reset).toBe(false);
	});

	it('lexes only the open tail on each update, not the whole answer', () => {
		const markdown = engine();
		const lexed: number[] = [];
		const counting: MarkdownEngine = {
			...markdown,
			lex: (source, links) => {
				lexed.push(source.length);
				return markdown.lex(source, links);
			}
		};
		const paragraph = 'word '.repeat(40).trim() + '.\n\n';
		const incremental = new IncrementalMarkdown(counting);
		let source = '';
		for (let index = 0; index < 200; index++) {
			source += paragraph;
			incremental.update(source + 'next', true);
		}
		expect(source.length).toBeGreaterThan(40_000);
		expect(Math.max(...lexed)).toBeLessThan(3 * paragraph.length);
	});

	it('starts again when the source is replaced rather than extended', () => {
		const incremental = new IncrementalMarkdown(engine());
		incremental.update('one\n\ntwo\n\nthree', true);
		const update = incremental.update('other\n\nfour', false);
		expect(update.reset).toBe(true);
		expect(incremental.html).toBe('<p>other</p>\n<p>four</p>\n');
	});

	it('highlights code of a streaming tail only once the answer is complete', () => {
		const incremental = new IncrementalMarkdown(engine());
		const open = incremental.update('```js\nlet a', true);
		expect(open.tail).not.toContain('hljs-keyword');
		const done = incremental.update('```js\nlet a', false);
		expect(done.tail).toContain('hljs-keyword');
	});

	it('re-renders frozen code blocks when a highlighter arrives late', () => {
		let ready = false;
		const late = createMarkdownEngine((code, language) =>
			ready ? fakeHighlight(code, language) : undefined
		);
		const incremental = new IncrementalMarkdown(late);
		incremental.update('```js\nx\n```\n\nafter\n', true);
		expect(incremental.blocks[0]?.html).not.toContain('hljs');
		ready = true;
		expect(incremental.rehighlight().map((block) => block.id)).toEqual([incremental.blocks[0]?.id]);
		expect(incremental.blocks[0]?.html).toContain('hljs-keyword');
	});
});

const inline = fc.constantFrom(
	'plain words',
	'**bold** and _em_',
	'`code`',
	'[link](https://example.org)',
	'[ref][r1]',
	'![img](https://img.example/a.png)',
	'<b>tag</b>',
	'a\\*b',
	'2',
	'~~del~~'
);
const line = fc.array(inline, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' '));
const block = fc.oneof(
	line,
	line.map((text) => `# ${text}`),
	line.map((text) => `${text}\n===`),
	fc
		.array(line, { minLength: 1, maxLength: 3 })
		.map((items) => items.map((i) => `- ${i}`).join('\n')),
	fc
		.array(line, { minLength: 1, maxLength: 3 })
		.map((items) => items.map((i, n) => `${n + 1}. ${i}`).join('\n')),
	line.map((text) => `  ${text}`),
	line.map((text) => `    ${text}`),
	line.map((text) => `> ${text}`),
	line.map((text) => `\`\`\`js\n${text}\n\`\`\``),
	line.map((text) => `\`\`\`\n${text}`),
	fc.constant('| a | b |\n|---|---|\n| 1 | 2 |'),
	fc.constant('[r1]: https://example.org/r1'),
	fc.constant('---'),
	fc.constant('<div>\nraw\n</div>'),
	line.map((text) => `- a\n  - ${text}\n    - deep`),
	fc.constant('2. two'),
	fc.constant('* star'),
	fc.constant('\tTabbed `x`'),
	fc.constant('Term  \nwith break')
);
const separator = fc.constantFrom('\n', '\n\n', '\n\n\n');
const documentArb = fc
	.array(fc.tuple(block, separator), { minLength: 1, maxLength: 12 })
	.map((parts) => parts.map(([text, sep]) => text + sep).join(''));

describe('incremental Markdown on random documents', () => {
	it('keeps a half-typed "-" line from splitting the paragraph above (found by the property)', () => {
		// marked lexes "text\n2. two\n-" as paragraph | list | list, and "…\n- p" as one paragraph
		// holding "2. two" then a list: the half-typed line must not freeze the split.
		const source = '  plain words\n2. two\n- plain words\n# plain words\n';
		const full = engine().renderFull(source, { highlight: true });
		expect(streamed(source, everyPrefix(source))).toBe(full);
	});

	it('equals a full render whatever the chunking', () => {
		fc.assert(
			fc.property(documentArb, fc.array(fc.nat(600), { maxLength: 40 }), (source, cuts) => {
				const full = engine().renderFull(source, { highlight: true });
				expect(streamed(source, cuts)).toBe(full);
			}),
			{ numRuns: 300 }
		);
	});

	it('equals a full render when fed one character at a time', () => {
		fc.assert(
			fc.property(documentArb, (source) => {
				const full = engine().renderFull(source, { highlight: true });
				expect(streamed(source, everyPrefix(source))).toBe(full);
			}),
			{ numRuns: 100 }
		);
	}, 30_000);
});

describe('per-frame budget', () => {
	it('renders a long answer in bounded steps that end in the full render', () => {
		const source = Array.from(
			{ length: 300 },
			(_, i) => `Paragraph ${i} ${'word '.repeat(30)}\n\n`
		).join('');
		const incremental = new IncrementalMarkdown(engine());
		let shown = '';
		let steps = 0;
		while (shown.length < source.length) {
			const next = renderablePrefix(source, shown.length, 2_000);
			expect(next.length - shown.length).toBeLessThanOrEqual(2_000);
			expect(next.endsWith('\n')).toBe(true);
			incremental.update(next, next.length < source.length);
			shown = next;
			steps++;
		}
		expect(steps).toBeGreaterThan(source.length / 2_000 - 1);
		expect(incremental.html).toBe(engine().renderFull(source, { highlight: true }));
	});

	it('always makes progress, even inside one line longer than the budget', () => {
		const line = 'x'.repeat(5_000);
		expect(renderablePrefix(line, 0, 2_000)).toHaveLength(2_000);
		expect(renderablePrefix(line, 2_000, 2_000)).toHaveLength(4_000);
		expect(renderablePrefix('short', 0, 2_000)).toBe('short');
	});
});
