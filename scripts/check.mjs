// `npm run check`: types (svelte-check, then tsc for the DOM-free core and for tests/tools) in one
// lane, lint, format and file sizes in the other, side by side on the machine's two cores. Each
// lane stops at its first failure; the check fails if either does. Output is printed per lane,
// whole, so the two do not interleave.
import { spawn } from 'node:child_process';

const LANES = [['check:types'], ['check:lint', 'check:format', 'check:size']];

function run(script) {
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', '-s', script], { env: process.env });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('close', (code) => resolve({ script, code: code ?? 1, output }));
	});
}

async function lane(scripts) {
	const results = [];
	for (const script of scripts) {
		const result = await run(script);
		results.push(result);
		if (result.code !== 0) break;
	}
	return results;
}

const started = Date.now();
const results = (await Promise.all(LANES.map(lane))).flat();
for (const { script, code, output } of results) {
	const shown = output
		.split('\n')
		.filter((line) => !line.includes('Unknown user config "nodedir"'))
		.join('\n')
		.trim();
	console.log(`── ${script} ${code === 0 ? 'ok' : `FAILED (exit ${code})`}`);
	if (shown) console.log(shown);
}
const failed = results.filter((result) => result.code !== 0).map((result) => result.script);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
	failed.length
		? `check failed: ${failed.join(', ')} (${seconds} s)`
		: `check passed (${seconds} s)`
);
process.exit(failed.length ? 1 : 0);
