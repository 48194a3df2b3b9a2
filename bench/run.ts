// `npm run bench`: builds the app once, then runs every bench/*.bench.ts in its own process (so
// one benchmark's memory does not skew another's) and passes their `BENCH <key> <value> <unit>`
// lines through.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const filter = process.argv[2];
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let failed = 0;
for (const file of readdirSync('bench')
	.filter((name) => name.endsWith('.bench.ts'))
	.sort()) {
	if (filter && !file.includes(filter)) continue;
	const result = spawnSync('npx', ['tsx', '--expose-gc', `bench/${file}`], {
		stdio: 'inherit',
		env: { ...process.env, NO_COLOR: '1' }
	});
	if (result.status !== 0) {
		failed++;
		console.error(`bench/${file} failed with exit code ${result.status}`);
	}
}
process.exit(failed ? 1 : 0);
