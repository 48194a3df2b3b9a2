// The second line of defence after render.ts: DOMPurify with a strict allow-list of the tags and
// attributes our Markdown renderer emits, and nothing else (no script, style, iframe, object, svg,
// form, img, event attribute, or non-http(s)/mailto URL). Links always open in a new, unrelated
// context. The HTML is parsed into an inert <template> (nothing there runs or loads) and cleaned
// in place: this skips the new document DOMPurify would create per call, which dominated the cost
// of redrawing a streaming answer every frame, and the nodes are never serialised and re-parsed.
import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';

const ALLOWED_TAGS = [
	'a',
	'div',
	'b',
	'blockquote',
	'br',
	'code',
	'del',
	'em',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'hr',
	'i',
	'li',
	'ol',
	'p',
	'pre',
	's',
	'span',
	'strong',
	'sub',
	'sup',
	'table',
	'tbody',
	'td',
	'th',
	'thead',
	'tr',
	'ul'
];
const ALLOWED_ATTR = ['href', 'title', 'class', 'start', 'align', 'rel', 'target'];
const ALLOWED_CLASS = /^(?:hljs(?:-[a-z0-9_-]+)?|language-[a-z0-9+#._-]+|md-[a-z-]+)$/i;

const CONFIG: Config = {
	ALLOWED_TAGS,
	ALLOWED_ATTR,
	ALLOWED_URI_REGEXP: /^(?:https?:\/\/|mailto:)/i,
	ALLOW_DATA_ATTR: false,
	ALLOW_ARIA_ATTR: false,
	ALLOW_UNKNOWN_PROTOCOLS: false,
	ALLOW_SELF_CLOSE_IN_ATTR: false,
	KEEP_CONTENT: true,
	IN_PLACE: true
};

let purifier: Purifier | undefined;

function instance(): Purifier {
	if (purifier) return purifier;
	// An instance of our own, so these hooks never affect another DOMPurify user on the page.
	const created = DOMPurify(window);
	created.addHook('uponSanitizeAttribute', (_node, data) => {
		if (data.attrName === 'class') {
			const kept = data.attrValue.split(/\s+/).filter((name) => ALLOWED_CLASS.test(name));
			if (kept.length > 0) data.attrValue = kept.join(' ');
			else data.keepAttr = false;
		} else if (data.attrName === 'target' || data.attrName === 'rel') {
			// Set below, and only on links: never taken from the input.
			data.keepAttr = false;
		}
	});
	created.addHook('afterSanitizeAttributes', (node) => {
		if (node.nodeName === 'A' && node instanceof Element && node.hasAttribute('href')) {
			node.setAttribute('target', '_blank');
			node.setAttribute('rel', 'noopener noreferrer nofollow');
		}
	});
	// Parsed once here rather than on every call.
	created.setConfig(CONFIG);
	purifier = created;
	return created;
}

/**
 * Sanitises several blocks in one pass (DOMPurify's cost is mostly per call): each entry becomes
 * a `<div class={className}>` holding its sanitised nodes, returned in order. Class names are
 * ours, never model text. A stray closing tag in a block's HTML could only end its wrapper early:
 * the wrappers are then not what we asked for, and nothing is returned rather than a mix-up.
 */
export function sanitizedBlocks(
	blocks: readonly { html: string; className: string }[]
): HTMLElement[] {
	const template = document.createElement('template');
	template.innerHTML = `<div>${blocks.map((block) => `<div class="${block.className}">${block.html}</div>`).join('')}</div>`;
	const root = template.content.firstElementChild;
	if (!(root instanceof HTMLElement)) return [];
	instance().sanitize(root);
	const children = [...root.children].filter((child) => child instanceof HTMLElement);
	return children.length === blocks.length ? children : [];
}
