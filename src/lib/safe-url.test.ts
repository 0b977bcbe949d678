import { describe, expect, it } from 'vitest';
import { isSafeLinkUrl, safeHref } from './safe-url';

describe('links a person or a document supplies', () => {
	it.each([
		['https://example.org/minutes.pdf', 'https://example.org/minutes.pdf'],
		['http://example.org', 'http://example.org/'],
		['HTTPS://Example.org/a?b=c#d', 'https://example.org/a?b=c#d'],
		['mailto:secretary@example.org', 'mailto:secretary@example.org'],
		['  https://example.org/padded  ', 'https://example.org/padded'],
		['https://meet.example.org/ห้องประชุม', 'https://meet.example.org/%E0%B8%AB%E0%B9%89%E0%B8%AD%E0%B8%87%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%8A%E0%B8%B8%E0%B8%A1']
	])('keeps %s as a link', (value, href) => {
		expect(safeHref(value)).toBe(href);
		expect(isSafeLinkUrl(value)).toBe(true);
	});

	it.each([
		['javascript scheme', 'javascript:alert(1)'],
		['mixed-case javascript', 'JaVaScRiPt:alert(1)'],
		['leading spaces', '   javascript:alert(1)'],
		['leading control characters', '\u0000\u001f\u0008javascript:alert(1)'],
		['tab inside the scheme', 'java\tscript:alert(1)'],
		['newline inside the scheme', 'java\nscript:alert(1)'],
		['data URL', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
		['vbscript', 'vbscript:msgbox(1)'],
		['file URL', 'file:///etc/passwd'],
		['blob URL', 'blob:https://example.org/0b3c'],
		['relative path', 'minutes/2026.pdf'],
		['root-relative path', '/admin'],
		['protocol-relative', '//evil.example/path'],
		['entity-encoded colon', 'javascript&#58;alert(1)'],
		['entity-encoded letter', '&#106;avascript:alert(1)'],
		['entity-encoded everything', '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)'],
		['http without a host', 'http:'],
		['empty', ''],
		['not a string', { href: 'https://example.org' }],
		['undefined', undefined],
		['too long', `https://example.org/${'a'.repeat(5000)}`]
	])('refuses %s', (_name, value) => {
		expect(safeHref(value)).toBeNull();
		expect(isSafeLinkUrl(value)).toBe(false);
	});
});
