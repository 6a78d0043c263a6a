// One process at a time on an embedded database folder: the server and `npm run seed:demo` claim
// it, a second running process is refused, a claim left by a process that ended is taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
	claimFolder,
	FOLDER_LOCK_FILE,
	FolderInUse,
	releaseFolder
} from '$lib/server/db/folder-lock';

const folders: string[] = [];
function folder(): string {
	const dir = mkdtempSync(join(tmpdir(), 'fb-lock-'));
	folders.push(dir);
	return dir;
}
afterEach(() => {
	for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const holder = (dir: string) => readFileSync(join(dir, FOLDER_LOCK_FILE), 'utf8');

describe('the claim on an embedded database folder', () => {
	it('is taken by this process, may be taken again by it, and released', () => {
		const dir = folder();
		claimFolder(dir);
		expect(holder(dir)).toBe(String(process.pid));
		claimFolder(dir);
		releaseFolder(dir);
		expect(existsSync(join(dir, FOLDER_LOCK_FILE))).toBe(false);
	});

	it('is refused while another running process holds the folder, naming it', () => {
		const dir = folder();
		writeFileSync(join(dir, FOLDER_LOCK_FILE), String(process.ppid));
		expect(() => claimFolder(dir)).toThrow(FolderInUse);
		expect(() => claimFolder(dir)).toThrow(`in use by process ${process.ppid}`);
		releaseFolder(dir);
		expect(holder(dir)).toBe(String(process.ppid));
	});

	it('is taken over from a process that has ended', () => {
		const dir = folder();
		const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
			encoding: 'utf8'
		});
		writeFileSync(join(dir, FOLDER_LOCK_FILE), ended.stdout);
		claimFolder(dir);
		expect(holder(dir)).toBe(String(process.pid));
		releaseFolder(dir);
	});
});
