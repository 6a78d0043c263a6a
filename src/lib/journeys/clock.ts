// The time experience and emotion values are stamped with (`at`, which decides the "latest"
// experience level of a touchpoint in the register): the server's clock as the page's load read
// it, carried forward by the browser's. A browser whose clock is off would otherwise make its
// values the latest, or never the latest, for as long as it is off.
import { getContext, setContext } from 'svelte';

/** Milliseconds since the epoch, now. */
export type Clock = () => number;

/** A clock that reads `serverNow` at the moment the browser's clock reads `browserNow`. */
export function serverClock(serverNow: number, browserNow: number = Date.now()): Clock {
	const offset = serverNow - browserNow;
	return () => Date.now() + offset;
}

const KEY = Symbol('journey-clock');

/** Makes `clock` the one the map's cells below stamp values with. */
export function provideClock(clock: Clock): void {
	setContext(KEY, clock);
}

/** The clock provided above, or the browser's own; call while a component is created. */
export function useClock(): Clock {
	return getContext<Clock | undefined>(KEY) ?? Date.now;
}
