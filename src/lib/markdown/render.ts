// Markdown → HTML for untrusted model output. The renderer itself refuses everything dangerous
// (raw HTML is shown as text, images become a placeholder with their address so the browser never
// requests them, only http(s) and mailto links survive), and the DOM sanitiser (sanitize.ts)
// checks the result again with a strict allow-list. This module has no DOM, so it runs in node
// tests and the incremental renderer can be proved equal to a full render there.
import { Lexer, Marked, type Token, type Tokens, type TokensList } from 'marked';

/** Highlights code in a known language; undefined when it cannot (yet), and the code stays plain. */
export type HighlightFn = (code: string, language: string) => string | undefined;

export type Links = TokensList['links'];

export interface RenderOptions {
	/** False while a block is still streaming: its code is highlighted once, when it is complete. */
	highlight: boolean;
}

export interface RenderedHtml {
	html: string;
	/** The HTML holds a code block that a late-loading highlighter could improve. */
	hasCode: boolean;
}

const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;
const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** The href a link may keep, or undefined when it must render as plain text. */
export function safeHref(href: string): string | undefined {
	const trimmed = href.trim();
	if (!SAFE_HREF.test(trimmed)) return undefined;
	try {
		return encodeURI(decodeURI(trimmed));
	} catch {
		return undefined;
	}
}

export function imagePlaceholder(address: string): string {
	return `<span class="md-image">Image not loaded: ${escapeHtml(address)}</span>`;
}

/** A configured Markdown engine: lexing (with known link definitions) and token rendering. */
export interface MarkdownEngine {
	lex(source: string, links?: Links): TokensList;
	render(tokens: readonly Token[], options: RenderOptions): RenderedHtml;
	/** Lex and render a whole document at once (the reference the incremental path must equal). */
	renderFull(source: string, options: RenderOptions): string;
}

export function normaliseNewlines(source: string): string {
	return source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
}

export function createMarkdownEngine(highlight: HighlightFn = () => undefined): MarkdownEngine {
	// Per-render switches read by the code renderer (marked renders synchronously).
	let highlighting = true;
	let sawCode = false;

	const marked = new Marked({ gfm: true, breaks: false, async: false });
	marked.use({
		renderer: {
			html({ text, block }: Tokens.HTML | Tokens.Tag) {
				const shown = escapeHtml(block ? text.trim() : text);
				return block ? `<p class="md-raw">${shown}</p>\n` : shown;
			},
			image({ href }: Tokens.Image) {
				return imagePlaceholder(href);
			},
			link({ href, title, tokens }: Tokens.Link) {
				const inner = this.parser.parseInline(tokens);
				const safe = safeHref(href);
				if (safe === undefined) return inner;
				const titled = title ? ` title="${escapeHtml(title)}"` : '';
				return `<a href="${escapeHtml(safe)}"${titled} rel="noopener noreferrer nofollow" target="_blank">${inner}</a>`;
			},
			checkbox({ checked }: Tokens.Checkbox) {
				return `<span class="md-task">${checked ? '☑' : '☐'}</span> `;
			},
			code({ text, lang }: Tokens.Code) {
				sawCode = true;
				const language = (lang ?? '').match(/^\S*/)?.[0]?.toLowerCase() ?? '';
				const highlighted = highlighting && language !== '' ? highlight(text, language) : undefined;
				const body = highlighted ?? escapeHtml(text);
				const hljs = highlighted === undefined ? '' : 'hljs ';
				const classes = language ? ` class="${hljs}language-${escapeHtml(language)}"` : '';
				return `<pre><code${classes}>${body}\n</code></pre>\n`;
			}
		}
	});
	const options = marked.defaults;

	function lex(source: string, links?: Links): TokensList {
		const lexer = new Lexer(options);
		if (links) Object.assign(lexer.tokens.links, links);
		return lexer.lex(source);
	}

	function render(tokens: readonly Token[], renderOptions: RenderOptions): RenderedHtml {
		highlighting = renderOptions.highlight;
		sawCode = false;
		const html = marked.parser(tokens as Token[]);
		return { html, hasCode: sawCode };
	}

	return {
		lex,
		render,
		renderFull: (source, renderOptions) =>
			render(lex(normaliseNewlines(source)), renderOptions).html
	};
}
