// What the app's files must be served with. Model output and imported files are untrusted: the
// policy forbids inline script, remote images, plugins and framing (frame-ancestors works only as
// a header, not in the page's meta tag). connect-src stays open because endpoints are any host
// the user configures. The same list feeds the build's meta tag, `npm start`'s preview server,
// and the files static hosts read (public/_headers for Netlify and Cloudflare Pages,
// vercel.json for Vercel; `npx tsx scripts/write-headers.ts` rewrites both); a test keeps
// those files equal to this list.
export const CONTENT_SECURITY_POLICY = [
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self'",
	"img-src 'self' data: blob:",
	"font-src 'self'",
	'connect-src * data: blob:',
	"worker-src 'self' blob:",
	"object-src 'none'",
	"base-uri 'none'",
	"form-action 'none'",
	"frame-src 'none'",
	"manifest-src 'self'"
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	'X-Frame-Options': 'DENY'
};

/** The `_headers` file of Netlify and Cloudflare Pages: every path gets every header. */
export function netlifyHeaders(): string {
	const lines = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
	return `/*\n${lines.join('\n')}\n`;
}

/** Vercel's `headers` setting for every path. */
export function vercelHeaders() {
	return {
		headers: [
			{
				source: '/(.*)',
				headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value }))
			}
		]
	};
}
