// JavaScript weight of the built app, gzip-compressed as a server would send it. "Initial" is what
// the browser loads before the first view is interactive: the entry script, its static imports
// (modulepreload links) and the chunk of the default view (the Arena). A browser's first visit
// also waits for the demo's content, which the Arena installs once (`first_visit`).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const DIST = 'dist';
const gzipKb = (file: string) =>
	gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length / 1024;

const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const referenced = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map(
	(match) => match[1] as string
);
const assets = readdirSync(join(DIST, 'assets')).filter((name) => name.endsWith('.js'));

// The default route's view chunk and its own static imports load before the Arena is usable.
const entry = referenced[0] ?? '';
const initial = new Set(referenced);
const arena = assets.find((name) => name.startsWith('ArenaView-'));
if (arena) initial.add(`assets/${arena}`);
/** Adds the static imports of `file`, transitively, to `into`. */
function addImports(file: string, into: Set<string>, seen = new Set<string>()) {
	if (seen.has(file)) return;
	seen.add(file);
	const code = readFileSync(join(DIST, file), 'utf8');
	for (const match of code.matchAll(
		/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g
	)) {
		const dependency = `assets/${match[1]}`;
		into.add(dependency);
		addImports(dependency, into, seen);
	}
}
for (const file of [...initial]) addImports(file, initial);

const firstVisit = new Set(initial);
const demo = assets.find((name) => name.startsWith('seed-demo-'));
if (demo) {
	firstVisit.add(`assets/${demo}`);
	addImports(`assets/${demo}`, firstVisit);
}

const sum = (files: Iterable<string>) =>
	[...files].reduce((total, file) => total + gzipKb(file), 0);
if (!entry) throw new Error('No entry script found in dist/index.html');
console.log(`BENCH initial_js_gzip_kb ${sum(initial).toFixed(1)} KB`);
console.log(`BENCH initial_js_first_visit_gzip_kb ${sum(firstVisit).toFixed(1)} KB`);
console.log(`BENCH total_js_gzip_kb ${sum(assets.map((name) => `assets/${name}`)).toFixed(1)} KB`);
