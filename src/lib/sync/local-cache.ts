// The browser's copies of room documents (IndexedDB, through y-indexeddb), kept so edits made
// offline survive a reload and reach the server on reconnect. Copies are per user, so a second
// person on a shared workshop computer never opens the first one's; signing out deletes them all.

const PREFIX = 'focusboard:';
const INDEX_KEY = 'focusboard.sync.caches';

/** Name of the IndexedDB database that holds `userId`'s copy of `roomName`. */
export function localCacheName(userId: string, roomName: string): string {
	return `${PREFIX}${userId}:${roomName}`;
}

function readIndex(): string[] {
	try {
		const value: unknown = JSON.parse(localStorage.getItem(INDEX_KEY) ?? '[]');
		return Array.isArray(value)
			? value.filter((name): name is string => typeof name === 'string')
			: [];
	} catch {
		return [];
	}
}

/** Notes a cache name, for browsers that cannot list IndexedDB databases. */
export function rememberLocalCache(name: string): void {
	try {
		const names = readIndex();
		if (!names.includes(name)) localStorage.setItem(INDEX_KEY, JSON.stringify([...names, name]));
	} catch {
		// Storage may be disabled; indexedDB.databases() still finds the caches where it exists.
	}
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = () => resolve();
		request.onerror = () => resolve();
		// Blocked means a tab still has it open; the deletion completes when that tab closes it.
		request.onblocked = () => resolve();
	});
}

/** Hooks run before the caches are deleted: open documents close their local copies first. */
const beforeClear = new Set<() => Promise<void>>();

/** Registers a hook that closes an open local copy before `clearLocalDocuments` deletes it. */
export function onClearLocalDocuments(close: () => Promise<void>): () => void {
	beforeClear.add(close);
	return () => beforeClear.delete(close);
}

/** Deletes every local document copy in this browser (on sign-out). */
export async function clearLocalDocuments(): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	await Promise.all([...beforeClear].map((close) => close()));
	const names = new Set(readIndex());
	if (typeof indexedDB.databases === 'function') {
		for (const info of await indexedDB.databases()) {
			if (info.name?.startsWith(PREFIX)) names.add(info.name);
		}
	}
	await Promise.all([...names].map(deleteDatabase));
	try {
		localStorage.removeItem(INDEX_KEY);
	} catch {
		// Nothing to forget.
	}
}
