// Keeps one element's content in step with a (possibly streaming) Markdown source. Frozen blocks
// get a node each and are never touched again; only the open tail is replaced, at most once per
// animation frame however many chunks arrived. Each frame renders at most FRAME_BUDGET new
// characters, so a burst of text (a fast server, or a long finished answer) is spread over
// several frames instead of one long task; a short finished answer renders at once, so two
// answers shown together appear in the same frame. Loaded lazily by Markdown.svelte: marked,
// DOMPurify and the highlighter stay out of every bundle that renders no Markdown.
import { highlightCode, isHighlighterReady, whenHighlighterReady } from './highlight';
import { IncrementalMarkdown, renderablePrefix } from './incremental';
import { createMarkdownEngine, normaliseNewlines } from './render';
import { sanitizedBlocks } from './sanitize';

const engine = createMarkdownEngine(highlightCode);
const FROZEN = 'md-block md-frozen';
const TAIL = 'md-block md-tail';

export class MarkdownView {
	#incremental = new IncrementalMarkdown(engine);
	#container: HTMLElement | undefined;
	#tail: HTMLElement | undefined;
	#nodes = new Map<number, HTMLElement>();
	#source = '';
	#streaming = false;
	#shown = '';
	#frame: number | undefined;
	#stopWaiting: (() => void) | undefined;

	/** Takes over `container`'s children; returns the cleanup. */
	attach(container: HTMLElement): () => void {
		this.#container = container;
		this.#tail = emptyTail();
		container.replaceChildren(this.#tail);
		this.#nodes.clear();
		this.#incremental = new IncrementalMarkdown(engine);
		this.#shown = '';
		this.#flush();
		return () => {
			if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
			this.#frame = undefined;
			this.#stopWaiting?.();
			this.#container = undefined;
		};
	}

	set(source: string, streaming: boolean): void {
		this.#source = normaliseNewlines(source);
		this.#streaming = streaming;
		if (!this.#container) return;
		if (!streaming && this.#frame === undefined) this.#flush();
		else this.#schedule();
	}

	#schedule(): void {
		this.#frame ??= requestAnimationFrame(() => {
			this.#frame = undefined;
			this.#flush();
		});
	}

	#flush(): void {
		const container = this.#container;
		const tail = this.#tail;
		if (!container || !tail) return;
		const continuesShown = this.#source.startsWith(this.#shown);
		const next = renderablePrefix(this.#source, continuesShown ? this.#shown.length : 0);
		const partial = next.length < this.#source.length;
		const update = this.#incremental.update(next, this.#streaming || partial);
		this.#shown = next;
		if (update.reset) {
			for (const node of this.#nodes.values()) node.remove();
			this.#nodes.clear();
		}
		// One sanitiser pass for the newly frozen blocks and the tail together.
		const nodes = sanitizedBlocks([
			...update.added.map((block) => ({ html: block.html, className: FROZEN })),
			{ html: update.tail, className: TAIL }
		]);
		const fresh = nodes.pop() ?? emptyTail();
		if (nodes.length > 0) {
			update.added.forEach((block, index) => {
				const node = nodes[index];
				if (node) this.#nodes.set(block.id, node);
			});
			const batch = document.createDocumentFragment();
			batch.append(...nodes);
			container.insertBefore(batch, tail);
		}
		tail.replaceWith(fresh);
		this.#tail = fresh;
		const hasCode = update.tailHasCode || update.added.some((block) => block.hasCode);
		if (hasCode && !isHighlighterReady()) this.#awaitHighlighter();
		// Busy while the answer streams or rendering is catching up (assistive tech, and tests).
		container.setAttribute('aria-busy', String(this.#streaming || partial));
		if (partial) this.#schedule();
	}

	#awaitHighlighter(): void {
		this.#stopWaiting?.();
		this.#stopWaiting = whenHighlighterReady(() => {
			this.#stopWaiting = undefined;
			const changed = this.#incremental.rehighlight();
			const nodes = sanitizedBlocks(
				changed.map((block) => ({ html: block.html, className: FROZEN }))
			);
			changed.forEach((block, index) => {
				const node = nodes[index];
				if (!node) return;
				this.#nodes.get(block.id)?.replaceWith(node);
				this.#nodes.set(block.id, node);
			});
			this.#incremental.invalidate();
			if (this.#container) this.#flush();
		});
	}
}

function emptyTail(): HTMLElement {
	const node = document.createElement('div');
	node.className = TAIL;
	return node;
}
