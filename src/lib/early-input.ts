/**
 * What a person types before the page's scripts run is kept. Hydration writes
 * each field's value from the page's data (`value={form?.username ?? ''}`)
 * over whatever is in the field, so on a slow phone a username, or a tip half
 * written, vanished the moment the page came alive. The page's head
 * (src/app.html) notes every field changed before then; once the page has
 * hydrated, `restoreEarlyInput` puts those values back and tells the page, as
 * typing would.
 */

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

declare global {
	interface Window {
		/** Fields changed before the scripts ran, with what they held (the head's script fills it). */
		__concordTyped?: Map<Field, string | boolean>;
		__concordStopTyped?: () => void;
	}
}

const checkable = (f: Field): f is HTMLInputElement => f instanceof HTMLInputElement && (f.type === 'checkbox' || f.type === 'radio');

/** Puts back what was typed before hydration; returns how many fields it restored. */
export function restoreEarlyInput(): number {
	const typed = window.__concordTyped;
	window.__concordStopTyped?.();
	delete window.__concordTyped;
	delete window.__concordStopTyped;
	if (!typed) return 0;
	let restored = 0;
	for (const [field, value] of typed) {
		if (!field.isConnected) continue;
		if (checkable(field)) {
			if (field.checked === value) continue;
			field.checked = value === true;
		} else {
			if (field.value === value) continue;
			field.value = String(value);
		}
		restored++;
		field.dispatchEvent(new Event('input', { bubbles: true }));
		field.dispatchEvent(new Event('change', { bubbles: true }));
	}
	return restored;
}
