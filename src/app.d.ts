// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			locale: import('$lib/paraglide/runtime').Locale;
			user: import('$server/auth/session').SessionUser | null;
			sessionId: string | null;
			actor: import('$server/access').Actor | null;
			clientAddress: string;
		}
	}
}

export {};
