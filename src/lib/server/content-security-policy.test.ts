import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyContentSecurityPolicy, ERROR_PAGE_STYLE, INERT_POLICY } from './content-security-policy';

const page = "default-src 'self'; script-src 'self' 'nonce-abc'; connect-src 'self'; frame-ancestors 'none'";

describe('the policy a response leaves with', () => {
	it('lets a page connect to its own collaboration socket, ws behind http and wss behind https', () => {
		const plain = new Headers({ 'content-security-policy': page });
		applyContentSecurityPolicy(plain, new URL('http://127.0.0.1:4173/meetings/1'));
		expect(plain.get('content-security-policy')).toBe(
			"default-src 'self'; script-src 'self' 'nonce-abc'; connect-src 'self' ws://127.0.0.1:4173; frame-ancestors 'none'"
		);
		const tls = new Headers({ 'content-security-policy': page });
		applyContentSecurityPolicy(tls, new URL('https://concord.example.org/'));
		expect(tls.get('content-security-policy')).toContain("connect-src 'self' wss://concord.example.org;");
	});

	it('makes every other response inert', () => {
		const download = new Headers({ 'content-type': 'application/pdf' });
		applyContentSecurityPolicy(download, new URL('http://127.0.0.1:4173/meetings/1/minutes/export/pdf'));
		expect(download.get('content-security-policy')).toBe(INERT_POLICY);
	});

	it("lets SvelteKit's error page for a refused download apply its own style, and only that", () => {
		const template = readFileSync(new URL('../../error.html', import.meta.url), 'utf8');
		const styles = [...template.matchAll(/<style>([^]*?)<\/style>/g)].map((m) => m[1]!);
		expect(styles).toHaveLength(1);
		expect(ERROR_PAGE_STYLE).toBe(`'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`);
		expect(template).not.toMatch(/<script|style="/);
		const refused = new Headers({ 'content-type': 'text/html; charset=utf-8' });
		applyContentSecurityPolicy(refused, new URL('http://127.0.0.1:4173/meetings/1/minutes/export/pdf?version=9'));
		expect(refused.get('content-security-policy')).toBe(`${INERT_POLICY}; style-src ${ERROR_PAGE_STYLE}`);
	});
});
