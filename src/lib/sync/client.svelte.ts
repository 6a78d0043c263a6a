// The client side of a room: a stock y-websocket provider to `/sync/<room>` on this site, a local
// IndexedDB copy for offline edits, and reactive status and presence for the UI. Create it in an
// effect and destroy it in the effect's cleanup; components never touch the provider.
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider, messageAuth } from 'y-websocket';
import * as authProtocol from 'y-protocols/auth';
import { CloseCode, closeNoticeOf, isPermanentClose, type CloseNotice } from './close-codes';
import { localCacheName, onClearLocalDocuments, rememberLocalCache } from './local-cache';
import { readPresenceUser, type Peer } from './presence';

/** Connection state shown to the user. */
export type SyncStatus = 'connecting' | 'connected' | 'offline' | 'read-only';

/** Options of a `SyncedDocument`. */
export type SyncedDocumentOptions = {
	/** Who edits (a user id, or in a session the participant id, guests included): keys the local copy. Without it nothing is kept locally. */
	userId?: string;
	/** Document to sync; a new one by default. */
	doc?: Y.Doc;
	/** `ws(s)://host/sync`; by default this page's host. */
	serverUrl?: string;
	/** Longest wait between reconnection attempts. */
	maxBackoffMs?: number;
};

/** WebSocket URL of the sync endpoint on the page's own origin. */
export function syncServerUrl(location: Location = window.location): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

/** One room's document, kept in sync with the server and with a local copy. */
export class SyncedDocument {
	/** The shared document. */
	readonly doc: Y.Doc;
	/** The room it belongs to. */
	readonly roomName: string;
	#status = $state<SyncStatus>('connecting');
	#peers = $state<Peer[]>([]);
	#closed = $state<{ code: number; reason: string } | null>(null);
	#loadedLocally = $state(false);
	#closeNotice = $state<CloseNotice | null>(null);
	#readOnly = false;
	/** A connection closed or failed since this document was opened: no longer just "connecting". */
	#disconnected = false;
	readonly #ownsDoc: boolean;
	readonly #provider: WebsocketProvider;
	readonly #local: IndexeddbPersistence | null;
	readonly #cleanups: (() => void)[] = [];

	constructor(roomName: string, options: SyncedDocumentOptions = {}) {
		this.roomName = roomName;
		this.#ownsDoc = options.doc === undefined;
		this.doc = options.doc ?? new Y.Doc();
		this.#local = options.userId ? this.#openLocalCopy(options.userId) : null;
		const browserOffline = typeof navigator !== 'undefined' && navigator.onLine === false;
		this.#disconnected = browserOffline;
		this.#provider = new WebsocketProvider(
			options.serverUrl ?? syncServerUrl(),
			roomName,
			this.doc,
			{
				maxBackoffTime: options.maxBackoffMs ?? 10_000,
				// Opened offline (a reload without network): wait for the `online` event.
				connect: !browserOffline,
				// Tabs sync through the server, which enforces read-only and stamps presence.
				disableBc: true,
				shouldReconnect: (event) => !isPermanentClose(event.code)
			}
		);
		this.#provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
			authProtocol.readAuthMessage(decoder, this.doc, () => {
				this.#readOnly = true;
				this.#updateStatus();
			});
		};
		this.#provider.on('status', ({ status }) => {
			if (status === 'connected') {
				// A new connection is authorized afresh; the server repeats the notice if still read-only.
				this.#readOnly = false;
			}
			this.#updateStatus();
		});
		this.#provider.on('sync', () => this.#updateStatus());
		this.#provider.on('connection-close', (event) => {
			this.#disconnected = true;
			// An instance draining for a restart: reconnect now (the load balancer picks another
			// instance) instead of after the back-off. Only after a synced connection, so that a
			// server that keeps closing this way is still backed off.
			if (event?.code === CloseCode.ServiceRestart && this.#provider.synced) {
				// The provider forgets the closed socket right after this event; connect after that.
				queueMicrotask(() => {
					if (this.#provider.shouldConnect) this.#provider.connect();
				});
			}
			const notice = event ? closeNoticeOf(event.code) : null;
			if (notice) this.#closeNotice = notice;
		});
		this.#provider.on('closed', (event) => {
			this.#closed = event;
			this.#updateStatus();
		});
		const awareness = this.#provider.awareness;
		const refreshPeers = () => (this.#peers = this.#readPeers());
		awareness.on('change', refreshPeers);
		this.#cleanups.push(() => awareness.off('change', refreshPeers));
		if (typeof window !== 'undefined') {
			// Back online: try now rather than at the end of the current back-off.
			const reconnect = () => {
				if (!this.#closed) this.#provider.connect();
			};
			// Offline: drop the socket now. After a network loss a browser may keep it open for a long
			// time (Chromium's offline mode holds its frames until back online), so the indicator would
			// say connected while edits go nowhere; they stay in the document and its local copy, and
			// the next connection sends them.
			const disconnect = () => {
				this.#disconnected = true;
				this.#provider.disconnect();
				this.#updateStatus();
			};
			window.addEventListener('online', reconnect);
			window.addEventListener('offline', disconnect);
			this.#cleanups.push(() => {
				window.removeEventListener('online', reconnect);
				window.removeEventListener('offline', disconnect);
			});
		}
		this.#updateStatus();
	}

	#openLocalCopy(userId: string): IndexeddbPersistence {
		const name = localCacheName(userId, this.roomName);
		rememberLocalCache(name);
		const local = new IndexeddbPersistence(name, this.doc);
		void local.whenSynced.then(() => (this.#loadedLocally = true));
		this.#cleanups.push(onClearLocalDocuments(() => local.clearData()));
		return local;
	}

	#updateStatus(): void {
		const provider = this.#provider;
		if (this.#closed || !provider.wsconnected) {
			this.#status = this.#disconnected || this.#closed ? 'offline' : 'connecting';
		} else if (!provider.synced) {
			this.#status = 'connecting';
		} else {
			this.#status = this.#readOnly ? 'read-only' : 'connected';
			// Writing again (access given back): the earlier notice no longer holds.
			if (!this.#readOnly && this.#closeNotice === 'access-changed') this.#closeNotice = null;
		}
	}

	#readPeers(): Peer[] {
		const peers: Peer[] = [];
		this.#provider.awareness.getStates().forEach((state, clientId) => {
			if (clientId === this.doc.clientID) return;
			const user = readPresenceUser(state);
			if (user) peers.push({ clientId, ...user });
		});
		return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
	}

	/** Connection state. */
	get status(): SyncStatus {
		return this.#status;
	}

	/** Other people in the room, one entry per client, with the name and color the server stamped. */
	get peers(): Peer[] {
		return this.#peers;
	}

	/** Set when the server closed the connection for good (e.g. access revoked), with its code. */
	get closed(): { code: number; reason: string } | null {
		return this.#closed;
	}

	/** Why the server last closed the connection, in words the UI translates; null when it gave no such reason. */
	get closeNotice(): CloseNotice | null {
		return this.#closeNotice;
	}

	/** True once the local copy (if any) has been loaded into the document. */
	get loadedLocally(): boolean {
		return this.#loadedLocally;
	}

	/** Presence of this client, e.g. to publish a cursor with `setLocalStateField`. */
	get awareness() {
		return this.#provider.awareness;
	}

	/** Disconnects and frees the provider and local copy (the local copy's data stays on disk). */
	destroy(): void {
		for (const cleanup of this.#cleanups) cleanup();
		this.#provider.destroy();
		void this.#local?.destroy();
		if (this.#ownsDoc) this.doc.destroy();
	}
}
