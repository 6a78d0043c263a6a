/** Name of the Y.XmlFragment that holds the shared definition draft in the `draft` room. */
export const DRAFT_FIELD = 'definition';

/** Longest name of a saved version. */
export const VERSION_NAME_MAX = 80;
