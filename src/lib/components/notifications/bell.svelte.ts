/** The unread count, kept live by the server's event stream; null until the first count arrives. */
export class BellState {
	count = $state<number | null>(null);
	#source: EventSource | null = null;

	connect(url = '/notifications/events'): () => void {
		this.#source = new EventSource(url);
		this.#source.addEventListener('count', (e) => {
			const n = Number((e as MessageEvent<string>).data);
			if (Number.isFinite(n)) this.count = n;
		});
		return () => this.#source?.close();
	}
}
