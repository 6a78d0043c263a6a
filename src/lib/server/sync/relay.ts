// The hook through which instances sharing rooms hear of each other's stored updates and presence
// (src/lib/server/scale/ implements it over Redis). Without one the server runs as one process.

/** What a room is told by the other instances. */
export type RelayListener = {
	/** Updates another instance stored (in its arrival order): apply and send, never store again. */
	updates(updates: Uint8Array[]): void;
	/** An awareness update another instance admitted (its users stamped, its clocks). */
	awareness(update: Uint8Array): void;
	/** Messages may have been missed (the bus reconnected): catch up from the store. */
	resync(): void;
	/** Another instance just opened the room: tell it the presence held here. */
	presenceWanted(): void;
};

/** The other instances, as the rooms of this one see them. */
export type RoomRelay = {
	/** Starts hearing a room; resolves once nothing published from then on can be missed. */
	join(roomName: string, listener: RelayListener): Promise<void>;
	/** Stops hearing a room. */
	leave(roomName: string): void;
	/** Tells the others that these updates of a room are stored. */
	publishUpdates(roomName: string, updates: Uint8Array[]): void;
	/** Tells the others an awareness update of a room (already admitted here). */
	publishAwareness(roomName: string, update: Uint8Array): void;
	/** Asks the others for the presence they hold in a room (answered with `publishAwareness`). */
	askPresence(roomName: string): void;
};
