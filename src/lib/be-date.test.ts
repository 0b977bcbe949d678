import { describe, expect, it } from 'vitest';
import { isoOf, monthNames, partsOf } from './be-date';

describe('Buddhist-era date input', () => {
	it('reads day, Thai month and BE year as the ISO date the server expects', () => {
		expect(isoOf({ day: '5', month: '3', year: '2570' }, 'th')).toEqual({ ok: true, value: '2027-03-05' });
		expect(isoOf({ day: '29', month: '2', year: '๒๕๗๑' }, 'th')).toEqual({ ok: true, value: '2028-02-29' });
		expect(isoOf({ day: '5', month: '3', year: '2027' }, 'en')).toEqual({ ok: true, value: '2027-03-05' });
	});

	it('shows a stored date back in the same parts', () => {
		expect(partsOf('2026-12-31', 'th')).toEqual({ day: '31', month: '12', year: '2569' });
		expect(partsOf('2026-12-31', 'en')).toEqual({ day: '31', month: '12', year: '2026' });
		expect(partsOf('', 'th')).toEqual({ day: '', month: '', year: '' });
	});

	it('names each impossible or incomplete date instead of sending it', () => {
		expect(isoOf({ day: '31', month: '2', year: '2570' }, 'th')).toEqual({ ok: false, problem: 'impossible' });
		expect(isoOf({ day: '29', month: '2', year: '2570' }, 'th')).toEqual({ ok: false, problem: 'impossible' });
		expect(isoOf({ day: '1', month: '1', year: '2026' }, 'th')).toEqual({ ok: false, problem: 'year' });
		expect(isoOf({ day: '1', month: '1', year: '25' }, 'th')).toEqual({ ok: false, problem: 'year' });
		expect(isoOf({ day: '1', month: '', year: '2570' }, 'th')).toEqual({ ok: false, problem: 'incomplete' });
		expect(isoOf({ day: '', month: '', year: '' }, 'th')).toEqual({ ok: false, problem: 'required' });
	});

	it('keeps to the bounds a form sets', () => {
		const bounds = { min: '2026-12-06', max: '2027-01-31' };
		expect(isoOf({ day: '5', month: '12', year: '2569' }, 'th', bounds)).toEqual({ ok: false, problem: 'too_early' });
		expect(isoOf({ day: '1', month: '2', year: '2570' }, 'th', bounds)).toEqual({ ok: false, problem: 'too_late' });
		expect(isoOf({ day: '6', month: '12', year: '2569' }, 'th', bounds)).toEqual({ ok: true, value: '2026-12-06' });
	});

	it('names the months in Thai for Thai readers', () => {
		expect(monthNames('th')[0]).toBe('มกราคม');
		expect(monthNames('th')[11]).toBe('ธันวาคม');
		expect(monthNames('en')[1]).toBe('February');
	});
});
