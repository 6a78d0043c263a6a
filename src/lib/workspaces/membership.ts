// What a person is in a workspace, shared by the workspaces area and the sync server's room policies.

/** Every role; a reader reads and acknowledges, and edits nothing. */
export const ALL_ROLES = ['admin', 'facilitator', 'member', 'reader'] as const;

export type Role = (typeof ALL_ROLES)[number];

/** What a signed-in user is in one workspace. */
export type Membership = {
	workspaceId: string;
	workspaceName: string;
	userId: string;
	role: Role;
	departmentId: string | null;
};
