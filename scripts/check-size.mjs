// Keeps modules small: a .svelte file over 250 lines or a .ts module over 400 fails the check.
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
			const lines = readFileSync(path, 'utf8').split('\n').length;
			if (lines > limit) failures.push(`${path}: ${lines} lines (limit ${limit})`);
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
