// The map title's limit, apart from the input schemas so that pages can show it without loading
// the validation library.

/** Longest map title. */
export const MAP_TITLE_MAX = 120;
