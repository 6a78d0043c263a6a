// The `Rooms` port when instances share rooms: re-authorizing asks every instance to check its own
// connections; changing the open rooms asks every instance which rooms named so it has open,
// then changes each of them once, here: the change is stored once (by this instance) and reaches
// the instances that have the room open as a stored update, like any other.
import type * as Y from 'yjs';
import type { Db } from '../db';
import { syncServerRooms, type Rooms } from '../ports';
import type { SyncServer } from '../sync';
import type { Bus } from './bus';
import type { ClusterControl } from './control';

/** Where a failure is reported. */
type RoomsLog = { warn(message: string, error?: unknown): void };

const REAUTHORIZE = 'reauthorize';
const REAUTHORIZE_USER = 'reauthorize-user';
const OPEN_ROOMS = 'open-rooms';

function text(value: unknown): string {
	if (typeof value !== 'string') throw new TypeError('expected a string');
	return value;
}

function count(results: unknown[]): number {
	return results.reduce<number>(
		(sum, result) => sum + (typeof result === 'number' ? result : 0),
		0
	);
}

/** Rooms served by `server` and by every other instance on the bus. */
export function clusterRooms(
	server: SyncServer,
	db: Db,
	bus: Bus,
	control: ClusterControl,
	log: RoomsLog
): Rooms {
	control.handle(REAUTHORIZE, (prefix) => server.reauthorize(text(prefix)));
	control.handle(REAUTHORIZE_USER, (userId) => server.reauthorizeUser(text(userId)));
	control.handle(OPEN_ROOMS, (prefix) => Promise.resolve(server.openRooms(text(prefix))));

	// A re-authorization that could not be sent (Redis away) is sent again once the bus is back:
	// until then a connection on another instance may keep access it lost.
	const unsent: { name: string; arg: string }[] = [];
	bus.onReconnect(() => {
		for (const { name, arg } of unsent.splice(0)) void askAll(name, arg);
	});

	async function askAll(name: string, arg: string): Promise<number> {
		try {
			return count(await control.ask(name, arg));
		} catch (error) {
			log.warn(
				`asking the other instances to ${name} failed; asking again when Redis is back`,
				error
			);
			unsent.push({ name, arg });
			return 0;
		}
	}

	const local = syncServerRooms(server, db);
	return {
		...local,
		async reauthorize(prefix) {
			const [here, elsewhere] = await Promise.all([
				server.reauthorize(prefix),
				askAll(REAUTHORIZE, prefix)
			]);
			return here + elsewhere;
		},
		async reauthorizeUser(userId) {
			const [here, elsewhere] = await Promise.all([
				server.reauthorizeUser(userId),
				askAll(REAUTHORIZE_USER, userId)
			]);
			return here + elsewhere;
		},
		async changeOpenRooms(prefix, fn: (doc: Y.Doc) => void) {
			const names = new Set(server.openRooms(prefix));
			try {
				for (const result of await control.ask(OPEN_ROOMS, prefix)) {
					if (!Array.isArray(result)) continue;
					for (const name of result)
						if (typeof name === 'string' && name.startsWith(prefix)) names.add(name);
				}
			} catch (error) {
				// Redis is away: only the rooms open here get the change, as when one process serves.
				log.warn('asking the other instances for their open rooms failed', error);
			}
			for (const name of names) await server.change(name, fn);
			return names.size;
		}
	};
}
