/** A short "browser on system" label for a session list; raw user agents are unreadable. */
export function describeUserAgent(ua: string | null): string | null {
	if (!ua) return null;
	const browser = /Edg\//.test(ua)
		? 'Edge'
		: /Firefox\//.test(ua)
			? 'Firefox'
			: /(Chrome|Chromium|CriOS)\//.test(ua)
				? 'Chrome'
				: /Safari\//.test(ua)
					? 'Safari'
					: /LINE\//.test(ua)
						? 'LINE'
						: null;
	const system = /Android/.test(ua)
		? 'Android'
		: /iPhone|iPad|iPod/.test(ua)
			? 'iOS'
			: /Windows/.test(ua)
				? 'Windows'
				: /Mac OS X|Macintosh/.test(ua)
					? 'macOS'
					: /Linux/.test(ua)
						? 'Linux'
						: null;
	if (!browser && !system) return ua.slice(0, 60);
	return [browser, system].filter(Boolean).join(' · ');
}
