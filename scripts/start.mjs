// `npm start`: build, then serve the build. The port is checked first, so a busy port gets one
// plain sentence (which port, how to choose another) instead of a stack trace after the build.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const DEFAULT_PORT = 4173;
const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));

function parsePort(text) {
	if (text === undefined || text === '') return DEFAULT_PORT;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		console.error(`PORT must be a whole number from 1 to 65535, not "${text}".`);
		process.exit(1);
	}
	return port;
}

/** Resolves to the reason the port cannot be used, or undefined when it is free. */
function portProblem(port) {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', (error) => resolve(error.code ?? error.message));
		server.listen({ port, host: 'localhost' }, () => server.close(() => resolve(undefined)));
	});
}

const port = parsePort(process.env.PORT);
const problem = await portProblem(port);
if (problem) {
	const why =
		problem === 'EADDRINUSE'
			? `Port ${port} is busy: another program (perhaps another Trait Arena) is already using it.`
			: `Port ${port} cannot be used (${problem}).`;
	console.error(
		`${why}\nChoose another port, e.g.  PORT=${port === 65535 ? 8080 : port + 1} npm start`
	);
	process.exit(1);
}

const run = (args) =>
	spawnSync(process.execPath, [vite, ...args], { stdio: 'inherit' }).status ?? 1;
const built = run(['build']);
if (built !== 0) process.exit(built);
process.exit(run(['preview', '--port', String(port), '--strictPort']));
