// The headers a static host should send live in one list; the files hosts read must say the same,
// or a deploy would quietly drop frame-ancestors or nosniff.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	CONTENT_SECURITY_POLICY,
	SECURITY_HEADERS,
	netlifyHeaders,
	vercelHeaders
} from '../../../scripts/security-headers';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** Netlify's format, read back: path lines, then indented `Name: value` lines. */
function parseHeadersFile(text: string): Record<string, Record<string, string>> {
	const rules: Record<string, Record<string, string>> = {};
	let current: Record<string, string> | undefined;
	for (const line of text.split('\n')) {
		if (!line.trim() || line.trimStart().startsWith('#')) continue;
		if (!/^\s/.test(line)) rules[line.trim()] = current = {};
		else if (current) {
			const colon = line.indexOf(':');
			current[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
		}
	}
	return rules;
}

describe('hosting headers', () => {
	it('forbid framing, sniffing and referrers, with the page’s own policy', () => {
		expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(
			`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`
		);
		expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
		expect(SECURITY_HEADERS['Referrer-Policy']).toBe('no-referrer');
	});

	it('are what public/_headers (Netlify, Cloudflare Pages) sends for every path', () => {
		const text = read('public/_headers');
		expect(text).toBe(netlifyHeaders());
		expect(parseHeadersFile(text)).toEqual({ '/*': SECURITY_HEADERS });
	});

	it('are what vercel.json sends for every path', () => {
		const config = JSON.parse(read('vercel.json')) as ReturnType<typeof vercelHeaders>;
		expect(config).toEqual(vercelHeaders());
		const [rule] = config.headers;
		expect(rule?.source).toBe('/(.*)');
		expect(Object.fromEntries(rule?.headers.map(({ key, value }) => [key, value]) ?? [])).toEqual(
			SECURITY_HEADERS
		);
	});
});
