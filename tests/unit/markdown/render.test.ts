// What the renderer emits before the DOM sanitiser sees it: model output never becomes live HTML,
// images never become <img>, and only http(s)/mailto links survive. (The sanitiser itself needs a
// DOM; the browser test in tests/e2e/studies.spec.ts covers it.)
import { describe, expect, it } from 'vitest';
import { createMarkdownEngine, safeHref } from '$lib/markdown/render';

const render = (source: string) => createMarkdownEngine().renderFull(source, { highlight: true });

describe('Markdown renderer', () => {
	it('shows raw HTML as text, block and inline', () => {
		const html = render('<script>alert(1)</script>\n\nHi <img src=x onerror="alert(2)"> there');
		expect(html).not.toMatch(/<script|<img/i);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
	});

	it('shows SVG and event-handler markup as text', () => {
		const html = render(
			'<svg onload="alert(1)"><circle r="4"/></svg>\n\n<a href="#" onclick="x()">a</a>'
		);
		expect(html).not.toMatch(/<svg|<a /i);
		expect(html).toContain('&lt;svg onload=&quot;alert(1)&quot;&gt;');
	});

	it('replaces every image with a placeholder naming its address', () => {
		const html = render(
			'![logo](https://tracker.example/pixel.png) and [![x](http://img.example/b.gif)](https://ok.example)'
		);
		expect(html).not.toContain('<img');
		expect(html).toContain('Image not loaded: https://tracker.example/pixel.png');
		expect(html).toContain('Image not loaded: http://img.example/b.gif');
	});

	it('keeps http(s) and mailto links, opening them in a new unrelated tab', () => {
		const html = render('[docs](https://example.org/a?b=1) <mailto:someone@example.org>');
		expect(html).toContain(
			'<a href="https://example.org/a?b=1" rel="noopener noreferrer nofollow" target="_blank">docs</a>'
		);
		expect(html).toContain('href="mailto:someone@example.org"');
	});

	it('drops javascript:, data: and relative links but keeps their text', () => {
		const html = render(
			'[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,<script>) [d](#/endpoints) [e](/x)'
		);
		expect(html).not.toContain('<a');
		expect(html).toContain('a b c d e');
	});

	it('escapes the language name and the code of a fenced block', () => {
		const html = render('```"><script>\n<b>x</b>\n```');
		expect(html).not.toMatch(/<script|<b>/);
		expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
	});

	it('renders GFM tables, task lists and strikethrough', () => {
		const html = render('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~');
		expect(html).toContain('<table>');
		expect(html).toContain('☑');
		expect(html).not.toContain('<input');
		expect(html).toContain('<del>old</del>');
	});

	it('accepts only absolute http(s) and mailto addresses', () => {
		expect(safeHref(' https://example.org ')).toBe('https://example.org');
		expect(safeHref('vbscript:x')).toBeUndefined();
		expect(safeHref('//evil.example')).toBeUndefined();
	});
});
