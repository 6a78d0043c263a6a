/** A revealed definition as participants see it; `author` is null when anonymity hides it. */
export type RevealedDefinition = {
	id: string;
	text: string;
	roleTag: string;
	author: string | null;
};

/** Stage 1 as one viewer may see it. */
export type DefinitionsView = {
	own: { text: string; roleTag: string; submittedAt: string | Date | null };
	/** Filled for the facilitator only: who has submitted, never what. */
	submissions: { participantId: string; name: string; submitted: boolean }[];
	revealed: boolean;
	definitions: RevealedDefinition[];
};
