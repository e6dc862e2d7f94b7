/**
 * A plain HTTP SSE client (node:http, no browser) that opens the connection `IgniterProvider` opens:
 * `GET <basePath>/sse/events?channels=...&scopes=...`. It parses the stream as it arrives and records
 * each event with its arrival time (`performance.now()` of this process).
 */
import { request, type Agent, type IncomingMessage } from 'node:http';

export interface SseEvent {
  type: string;
  data: string;
  at: number;
}

export interface SseConnection {
  status: number;
  /** Events so far (the first is `connected`). */
  events: SseEvent[];
  /** Called on each event as it arrives. */
  onEvent?: (event: SseEvent) => void;
  /** Resolves when the server ends the stream or the connection fails. */
  closed: Promise<void>;
  close(): void;
}

export interface SseOptions {
  channels?: string[];
  scopes?: string[];
  basePath?: string;
  headers?: Record<string, string>;
  agent?: Agent | false;
  timeoutMs?: number;
}

/** Resolves once the response headers and the first event (`connected`) arrived; rejects on non-200. */
export function openSse(baseUrl: string, options: SseOptions = {}): Promise<SseConnection> {
  const url = new URL(`${options.basePath ?? '/api/v1'}/sse/events`, baseUrl);
  url.searchParams.set('channels', (options.channels ?? ['revalidation']).join(','));
  url.searchParams.set('scopes', (options.scopes ?? []).join(','));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`SSE ${url}: no connected event within ${options.timeoutMs ?? 10_000} ms`));
    }, options.timeoutMs ?? 10_000);
    const req = request(url, { agent: options.agent ?? false, headers: { accept: 'text/event-stream', ...options.headers } }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        clearTimeout(timer);
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => reject(new Error(`SSE ${url}: HTTP ${res.statusCode} ${body.slice(0, 300)}`)));
        return;
      }
      let resolveClosed!: () => void;
      const connection: SseConnection = {
        status: 200,
        events: [],
        closed: new Promise((resolveClose) => (resolveClosed = resolveClose)),
        close: () => req.destroy(),
      };
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parseBlock(block);
          if (!event) continue;
          connection.events.push(event);
          connection.onEvent?.(event);
          if (event.type === 'connected') {
            clearTimeout(timer);
            resolve(connection);
          }
        }
      });
      res.on('close', () => resolveClosed());
      res.on('error', () => resolveClosed());
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end();
  });
}

function parseBlock(block: string): SseEvent | null {
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    if (line.startsWith('event: ')) type = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  if (data.length === 0) return null;
  return { type, data: data.join('\n'), at: performance.now() };
}
