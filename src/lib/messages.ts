import { m } from '$lib/paraglide/messages';

/** UI text for the error codes that services return. */
export function passwordError(code: string): string {
	switch (code) {
		case 'too_short':
			return m.password_too_short();
		case 'too_long':
			return m.password_too_long();
		case 'too_common':
			return m.password_too_common();
		case 'wrong':
			return m.password_wrong();
		default:
			return m.field_required();
	}
}

export function fieldError(code: string | undefined): string {
	switch (code) {
		case undefined:
			return '';
		case 'required':
			return m.field_required();
		case 'too_long':
			return m.field_too_long();
		case 'too_short':
			return m.field_too_short();
		case 'taken':
			return m.field_taken();
		case 'control_character':
			return m.field_control_character();
		case 'unsafe_link':
			return m.field_unsafe_link();
		default:
			return m.field_invalid();
	}
}
