import type { SessionUser } from '$lib/server/auth/session';
import type { WorkspaceRequest } from '$lib/server/auth/workspace-request';
import type { SessionActor } from '$lib/server/sessions/access';

declare global {
	namespace App {
		interface Locals {
			/** The signed-in user, or null. */
			user: SessionUser | null;
			/** The raw session token of this request, kept to sign out. */
			sessionToken: string | null;
			/** A guest of one strategy session (no account), or null. */
			guest: Extract<SessionActor, { kind: 'guest' }> | null;
			/**
			 * On a workspace page (`/w/<id>/…`), what the one query of the session read about the
			 * user's place there (see workspace-request.ts); undefined elsewhere or when signed out.
			 */
			workspaceRequest?: WorkspaceRequest;
		}
		interface Error {
			message: string;
			/** Stable error id the error page translates. */
			code?: string;
		}
	}
}

export {};
