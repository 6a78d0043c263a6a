// Fails when the lock file lacks an optional dependency some package declares (typically another
// platform's native build), which `npm ci` on that platform would refuse or install without.
import { readFileSync } from 'node:fs';

/** @typedef {{ optionalDependencies?: Record<string, string>, os?: string[], cpu?: string[] }} LockEntry */
/** @type {unknown} */
const parsed = JSON.parse(readFileSync(process.argv[2] ?? 'package-lock.json', 'utf8'));
const lock = /** @type {{ packages?: Record<string, LockEntry> }} */ (parsed);
const packages = lock.packages ?? {};
/** @type {string[]} */
const missing = [];
/** @type {Map<string, Set<string>>} */
const platforms = new Map();
for (const [path, entry] of Object.entries(packages)) {
	for (const name of Object.keys(entry.optionalDependencies ?? {})) {
		const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
		const found = packages[nested]
			? nested
			: packages[`node_modules/${name}`]
				? `node_modules/${name}`
				: null;
		if (!found) {
			missing.push(`${path || '(root)'} → ${name}`);
			continue;
		}
		const target = packages[found];
		if (!target.os) continue;
		const seen = platforms.get(path) ?? new Set();
		for (const os of target.os) for (const cpu of target.cpu ?? ['any']) seen.add(`${os}-${cpu}`);
		platforms.set(path, seen);
	}
}
const wanted = [/^darwin-/, /^win32-/, /^linux-arm64$/];
// A package with a linux-x64 build is a native family; it must list the other desktops' builds too.
const native = [...platforms].filter(([, seen]) => seen.has('linux-x64'));
const thin = native.filter(([, seen]) => wanted.some((w) => ![...seen].some((p) => w.test(p))));
for (const line of missing) console.error(`missing optional package: ${line}`);
for (const [path, seen] of thin)
	console.error(`no darwin, win32 or linux-arm64 build for ${path}: ${[...seen].join(', ')}`);
if (missing.length || thin.length) process.exit(1);
console.log(
	`lock file lists every optional package (${native.length} native packages with darwin, win32 and linux-arm64 builds)`
);
