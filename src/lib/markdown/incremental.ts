// Incremental Markdown for streaming answers. Re-parsing a whole 16,000-token answer on every
// chunk makes streaming quadratic, so finished top-level blocks are rendered once and frozen, and
// only the open tail is lexed again. A block is finished when, lexing the complete lines only, a
// later block has started: from then on no appended text can change it (lists, paragraphs and
// quotes only absorb lines that come *directly* after them, which the lexer has already seen). The one exception is a reference-style link definition, which may change links
// above it: when the known definitions change, the whole answer is rendered again once.
import type { Token, TokensList } from 'marked';
import { normaliseNewlines, type Links, type MarkdownEngine } from './render';

/** New source characters rendered per frame and answer (see docs/decisions.md). */
export const FRAME_BUDGET = 3_000;

/** How much of `source` to render now: the budget past what is shown, cut after a line end. */
export function renderablePrefix(source: string, shown: number, budget = FRAME_BUDGET): string {
	const limit = shown + budget;
	if (source.length <= limit) return source;
	const lineEnd = source.lastIndexOf('\n', limit);
	return source.slice(0, lineEnd > shown ? lineEnd + 1 : limit);
}

export interface RenderedBlock {
	/** Stable, increasing; a view keeps one DOM node per block. */
	id: number;
	html: string;
	hasCode: boolean;
	/** Kept so a block can be rendered again once the code highlighter has loaded. */
	tokens: readonly Token[];
}

export interface IncrementalUpdate {
	/** True when earlier blocks were dropped: the view must clear what it shows. */
	reset: boolean;
	/** Blocks frozen by this update, in order (after `reset`, all blocks). */
	added: readonly RenderedBlock[];
	/** HTML of the open tail (may be empty). */
	tail: string;
	tailHasCode: boolean;
}

export class IncrementalMarkdown {
	#engine: MarkdownEngine;
	#blocks: RenderedBlock[] = [];
	/** The frozen prefix of the source (normalised), whose blocks are in #blocks. */
	#frozen = '';
	/** Definitions inside the frozen prefix: what a full lexer knows when it reaches the tail. */
	#frozenLinks: Links = emptyLinks();
	/** The definitions the frozen blocks were rendered with. */
	#renderedWith: Links = emptyLinks();
	#nextId = 1;
	#lastSource: string | undefined;
	#lastStreaming = true;
	#lastTail = '';
	#lastTailHasCode = false;

	constructor(engine: MarkdownEngine) {
		this.#engine = engine;
	}

	get blocks(): readonly RenderedBlock[] {
		return this.#blocks;
	}

	/** The whole rendered HTML (frozen blocks + tail), as a full render would produce it. */
	get html(): string {
		return this.#blocks.map((block) => block.html).join('') + this.#lastTail;
	}

	/**
	 * Brings the rendering up to `source`. While `streaming`, the tail's code is not highlighted
	 * (it is re-rendered on every frame); when the answer is complete, it is.
	 */
	update(rawSource: string, streaming: boolean): IncrementalUpdate {
		const source = normaliseNewlines(rawSource);
		if (source === this.#lastSource && streaming === this.#lastStreaming) {
			return { reset: false, added: [], tail: this.#lastTail, tailHasCode: this.#lastTailHasCode };
		}
		this.#lastSource = source;
		this.#lastStreaming = streaming;
		let reset = false;
		if (!source.startsWith(this.#frozen)) {
			this.#clear();
			reset = true;
		}
		let { tokens, stable } = this.#lexTail(source);
		if (this.#blocks.length > 0 && !sameLinks(stable.links, this.#renderedWith)) {
			this.#clear();
			reset = true;
			({ tokens, stable } = this.#lexTail(source));
		}
		const frozenCount = Math.max(0, lastContentIndex(stable, stable.length - 1));
		const added: RenderedBlock[] = [];
		if (frozenCount > 0) {
			const finished = stable.slice(0, frozenCount);
			const rendered = this.#engine.render(finished, { highlight: true });
			const block: RenderedBlock = {
				id: this.#nextId++,
				html: rendered.html,
				hasCode: rendered.hasCode,
				tokens: finished
			};
			this.#blocks.push(block);
			added.push(block);
			this.#frozen += finished.map((token) => token.raw).join('');
			this.#renderedWith = { ...stable.links };
			for (const token of finished) {
				if (token.type === 'def' && !(token.tag in this.#frozenLinks)) {
					this.#frozenLinks[token.tag] = { href: token.href, title: token.title };
				}
			}
		}
		// The open part is lexed again from where the frozen blocks end, unless nothing froze.
		const open =
			frozenCount === 0
				? tokens
				: this.#engine.lex(source.slice(this.#frozen.length), this.#frozenLinks);
		const tail = open.length > 0 ? this.#engine.render(open, { highlight: !streaming }) : undefined;
		this.#lastTail = tail?.html ?? '';
		this.#lastTailHasCode = tail?.hasCode ?? false;
		return {
			reset,
			added: reset ? this.#blocks.slice() : added,
			tail: this.#lastTail,
			tailHasCode: this.#lastTailHasCode
		};
	}

	/** Renders again the frozen blocks holding code (after the highlighter loaded). */
	rehighlight(): RenderedBlock[] {
		const changed: RenderedBlock[] = [];
		for (const block of this.#blocks) {
			if (!block.hasCode) continue;
			const rendered = this.#engine.render(block.tokens, { highlight: true });
			if (rendered.html === block.html) continue;
			block.html = rendered.html;
			changed.push(block);
		}
		return changed;
	}

	/** Forces the tail to render again on the next update (e.g. to highlight it). */
	invalidate(): void {
		this.#lastSource = undefined;
	}

	/**
	 * Lexes the open tail, and separately its complete lines. What to freeze is decided on the
	 * complete lines only: marked lexes a half-typed last line in ways that can move earlier
	 * boundaries (a lone "-" after "text\n2. two" splits the paragraph, which "- item" then joins
	 * again), and a half-typed reference definition must not decide how frozen links render.
	 */
	#lexTail(source: string): { tokens: TokensList; stable: TokensList } {
		const tail = source.slice(this.#frozen.length);
		const tokens = this.#engine.lex(tail, this.#frozenLinks);
		const complete = tail.lastIndexOf('\n') + 1;
		const stable =
			complete === tail.length
				? tokens
				: this.#engine.lex(tail.slice(0, complete), this.#frozenLinks);
		return { tokens, stable };
	}

	#clear(): void {
		this.#blocks = [];
		this.#frozen = '';
		this.#frozenLinks = emptyLinks();
		this.#renderedWith = emptyLinks();
	}
}

function emptyLinks(): Links {
	return Object.create(null) as Links;
}

function sameLinks(a: Links, b: Links): boolean {
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	return keys.every((key) => a[key]?.href === b[key]?.href && a[key]?.title === b[key]?.title);
}

function lastContentIndex(tokens: readonly Token[], from: number): number {
	let index = from;
	while (index >= 0 && tokens[index]?.type === 'space') index--;
	return index;
}
