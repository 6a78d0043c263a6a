/**
 * By how many characters `value` is over `max` (0 when it fits). Counts as the server's limits do
 * (string length), after trimming, since the server trims before it checks.
 */
export function overLimit(value: string, max: number): number {
	return Math.max(0, value.trim().length - max);
}
