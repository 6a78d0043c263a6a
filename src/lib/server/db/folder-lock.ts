// One process at a time on an embedded database folder. PGlite has no server of its own: two
// processes that open one folder each keep their own copy in memory, and what one writes the other
// never sees (the demo seeder's accounts could not sign in until the server restarted). The process
// that serves or seeds a folder leaves its process id in it; the next one finds it and stops.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Name of the file, inside the data folder, that holds the id of the process using it. */
export const FOLDER_LOCK_FILE = 'focusboard.pid';

/** The folder is in use by another running process. */
export class FolderInUse extends Error {
	constructor(
		readonly folder: string,
		readonly pid: number
	) {
		super(`the embedded database in ${folder} is in use by process ${pid}`);
		this.name = 'FolderInUse';
	}
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it runs, under another user.
		return error instanceof Error && 'code' in error && error.code === 'EPERM';
	}
}

function holderOf(file: string): number | null {
	try {
		const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
		return Number.isInteger(pid) && pid > 0 ? pid : null;
	} catch {
		return null;
	}
}

/**
 * Claims `folder` for this process until it exits, or throws `FolderInUse` when another running
 * process holds it. A claim left by a process that has ended (killed, crashed) is taken over.
 */
export function claimFolder(folder: string): void {
	mkdirSync(folder, { recursive: true });
	const file = join(resolve(folder), FOLDER_LOCK_FILE);
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			writeFileSync(file, String(process.pid), { flag: 'wx' });
			process.once('exit', () => releaseFolder(folder));
			return;
		} catch (error) {
			if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
		}
		const holder = holderOf(file);
		if (holder === process.pid) return;
		if (holder !== null && isRunning(holder)) throw new FolderInUse(resolve(folder), holder);
		try {
			unlinkSync(file);
		} catch {
			// Another process took the stale claim over meanwhile: the next attempt finds out.
		}
	}
	const holder = holderOf(file) ?? 0;
	throw new FolderInUse(resolve(folder), holder);
}

/** Gives up this process's claim on `folder` (nothing happens when another process holds it). */
export function releaseFolder(folder: string): void {
	const file = join(resolve(folder), FOLDER_LOCK_FILE);
	if (holderOf(file) !== process.pid) return;
	try {
		unlinkSync(file);
	} catch {
		// Already gone.
	}
}
