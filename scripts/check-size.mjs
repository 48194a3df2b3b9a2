// Keeps modules small: a .svelte file over 250 lines or a .ts module over 400 fails the check. A
// module that is one idea at its cap may say so, with a reason, in a comment line starting
// `size-cap:` among its first ten lines; it may then grow by a quarter, no more.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';

const LIMITS = { '.svelte': 250, '.ts': 400 };
const ROOTS = ['src', 'tools', 'bench', 'tests/unit', 'tests/e2e'];
const failures = [];

function walk(dir) {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) walk(path);
		else {
			const limit = LIMITS[extname(name)];
			if (!limit || name.endsWith('.d.ts')) continue;
			const text = readFileSync(path, 'utf8').split('\n');
			const declared = text
				.slice(0, 10)
				.some((line) => /^\s*(\/\/|<!--)\s*size-cap: \S/.test(line));
			const allowed = declared ? Math.round(limit * 1.25) : limit;
			if (text.length > allowed) failures.push(`${path}: ${text.length} lines (limit ${allowed})`);
		}
	}
}
for (const root of ROOTS) {
	try {
		walk(root);
	} catch (error) {
		if (error.code !== 'ENOENT') throw error;
	}
}
if (failures.length) {
	console.error('Files over the size limit:\n' + failures.join('\n'));
	process.exit(1);
}
