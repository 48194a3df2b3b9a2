// Code highlighting is done by highlight.js, loaded only when the first code block appears, with
// a handful of common languages (hljs-languages.ts). Until it has loaded, code shows plain and the
// renderer is told to re-render it once ready.
import type { HighlightFn } from './render';

interface Highlighter {
	getLanguage(name: string): unknown;
	highlight(
		code: string,
		options: { language: string; ignoreIllegals: boolean }
	): { value: string };
}

let highlighter: Highlighter | undefined;
let loading: Promise<void> | undefined;
const waiting = new Set<() => void>();

/** Loads highlight.js once; resolves when it is ready. */
export function loadHighlighter(): Promise<void> {
	loading ??= import('./hljs-languages').then((module) => {
		highlighter = module.hljs;
		for (const listener of waiting) listener();
		waiting.clear();
	});
	return loading;
}

export function isHighlighterReady(): boolean {
	return highlighter !== undefined;
}

/** Calls `listener` once the highlighter is ready (at once if it already is). */
export function whenHighlighterReady(listener: () => void): () => void {
	if (highlighter) {
		listener();
		return () => undefined;
	}
	waiting.add(listener);
	return () => waiting.delete(listener);
}

export const highlightCode: HighlightFn = (code, language) => {
	if (!highlighter) {
		void loadHighlighter();
		return undefined;
	}
	if (!highlighter.getLanguage(language)) return undefined;
	return highlighter.highlight(code, { language, ignoreIllegals: true }).value;
};
