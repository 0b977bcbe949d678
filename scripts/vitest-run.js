// `npm run test:unit`: Vitest once, as `vitest run` would, with one exception.
// V8 sometimes aborts a test worker while WebAssembly code is allocated and
// freed ("Check failed: jit_page.has_value()", nodejs/node#64500): PGlite is
// WebAssembly, and every test file starts its own. Such a crash is no test's
// verdict, so the files whose worker died that way (and only when no test
// failed) run once more, and their result is the run's. A failed test is never
// run again.
import { spawn } from 'node:child_process';

function vitest(args) {
	return new Promise((resolve) => {
		const child = spawn('npx', ['vitest', 'run', ...args], { stdio: ['inherit', 'pipe', 'pipe'] });
		let output = '';
		const keep = (stream, into) =>
			stream.on('data', (chunk) => {
				into.write(chunk);
				output += chunk;
			});
		keep(child.stdout, process.stdout);
		keep(child.stderr, process.stderr);
		child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
	});
}

const args = process.argv.slice(2);
const first = await vitest(args);
if (first.code === 0) process.exit(0);

// eslint-disable-next-line no-control-regex -- Vitest's colours sit between the words
const plain = first.output.replace(/\u001b\[[0-9;]*m/g, '');
const failed = /^\s*(Test Files|Tests)\s.*\b\d+ failed\b/m.test(plain);
const crashed = [...plain.matchAll(/Worker exited unexpectedly with signal (SIG[A-Z]+)[^\n]*? while running test file (\S+)/g)];
if (failed || !crashed.length) process.exit(first.code);

const files = [...new Set(crashed.map((m) => m[2]))];
console.log(`\nA test worker was ended by the runtime (${crashed.map((m) => m[1]).join(', ')}), not by a test; running again: ${files.join(' ')}\n`);
const again = await vitest(files);
process.exit(again.code);
