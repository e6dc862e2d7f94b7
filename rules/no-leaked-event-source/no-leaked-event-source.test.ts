/**
 * no-leaked-event-source: an EventSource opened in a React effect (directly, or in a helper declared inside
 * the effect callback) must be closed by the cleanup the effect returns. Seed examples come from
 * `realtime-patterns-rules.md`; each one names its section. Client code, so most cases are `.tsx`.
 */
import { describe, expect, it } from 'vitest';
import { docsExample, withoutMarkers } from '../../test/support/docs-examples.js';
import { runRuleCases, type RuleCases } from '../../test/support/rule-harness.js';

const tsx = 'file.tsx';

/** An example of the docs page (rules/no-leaked-event-source/README.md), linted under its `file=` name. */
const docs = (name: string) => docsExample('no-leaked-event-source', name);

// The suggestion's output for the page's first ❌ example: a cleanup added as the effect's last statement
// (the first ✅ example, but for the marker the ❌ line keeps; checked at the end of this file).
const notificationBellFixed = docs('notification-bell').code.replace(
  '    source.onmessage = (event) => setCount(JSON.parse(event.data).unread);\n',
  '    source.onmessage = (event) => setCount(JSON.parse(event.data).unread);\n    return () => { source.close(); };\n',
);

// Seed "Reconnection Strategy" adapted: the `connect()` helper is declared inside the effect and returns
// the EventSource; the cleanup closes what the call returned.
const seedReconnectionInEffect = `import { useEffect } from 'react';

export const useRealtimeConnection = (endpoint: string) => {
  useEffect(() => {
    const connect = () => {
      const eventSource = new EventSource(endpoint);
      eventSource.onerror = () => eventSource.close();
      return eventSource;
    };
    const connection = connect();
    return () => connection.close();
  }, [endpoint]);
};
`;

// Igniter server code next to it: a streaming query whose JSDoc mentions EventSource. No client effect here.
const igniterServer = `import { igniter } from '@/igniter';

export const notificationController = igniter.controller({
  name: 'notification',
  path: '/notifications',
  actions: {
    /**
     * Clients subscribe with \`new EventSource('/api/v1/notifications/stream')\` or \`useRealtime\`.
     */
    stream: igniter.query({
      path: '/stream',
      stream: true,
      handler: async ({ request, response }) => {
        request.raw.signal.addEventListener('abort', () => console.log('EventSource closed'));
        return response.stream({ channelId: 'notifications' });
      },
    }),
  },
});
`;

// Igniter client hook (real 0.3 API) with a manual EventSource fallback, closed.
const igniterClient = `import { useEffect, useState } from 'react';
import { api } from '@/igniter.client';

export function Chat({ roomId }: { roomId: string }) {
  const messages = api.message.list.useQuery({ query: { roomId } });
  const typing = api.chat.typing.useRealtime({ params: { roomId }, onMessage: () => undefined });
  const [fallback, setFallback] = useState<string[]>([]);

  useEffect(() => {
    if (typing.isConnected) return;
    const es = new EventSource(\`/api/v1/chat/typing/\${roomId}\`, { withCredentials: true });
    es.addEventListener('typing', (event) => setFallback(JSON.parse((event as MessageEvent).data)));
    return () => es.close();
  }, [roomId, typing.isConnected]);

  return (
    <div>
      {messages.data?.messages.map((m) => <p key={m.id}>{m.text}</p>)}
      {fallback.length > 0 && <small>{fallback.join(', ')} typing…</small>}
    </div>
  );
}
`;

const cases: RuleCases = {
  valid: [
    // ---- Seed ✅ examples ----
    // Seed "Reconnection Strategy" (verbatim plus imports, the docs page's example): created in useCallback,
    // closed by the effect's cleanup.
    docs('reconnection-strategy'),
    // Seed "Reconnection Strategy" adapted: helper declared inside the effect, returning the EventSource.
    { code: seedReconnectionInEffect, filename: tsx },

    // ---- The docs page's other ✅ examples ----
    docs('notification-bell-closed'),
    docs('live-feed-closed'),
    docs('ref-holder'),
    docs('local-closer'),
    docs('outside-effects'),

    // ---- Igniter code around it ----
    igniterServer,
    { code: igniterClient, filename: tsx },

    // ---- Every way a cleanup can close it ----
    {
      // Optional chaining on a `let` assigned later; useLayoutEffect.
      code: `import { useLayoutEffect } from 'react';
export function useStatus(url: string) {
  useLayoutEffect(() => {
    let es: EventSource | null = null;
    es = new EventSource(url);
    return () => { es?.close(); };
  }, [url]);
}`,
    },
    {
      // A cleanup that calls a local arrow function which closes it.
      code: `import { useEffect, useState } from 'react';
export function Status({ url }: { url: string }) {
  const [status, setStatus] = useState('idle');
  useEffect(() => {
    const es = new EventSource(url);
    es.onopen = () => setStatus('open');
    const disconnect = () => es.close();
    return () => {
      disconnect();
      setStatus('closed');
    };
  }, [url]);
  return <p>{status}</p>;
}`,
      filename: tsx,
    },
    {
      // A helper that returns the new EventSource directly; its call is bound and closed.
      code: `useEffect(() => {
  const connect = () => new EventSource(url);
  const connection = connect();
  return () => connection.close();
}, [url]);`,
    },
    {
      // A cleanup returned by name (a const arrow function).
      code: `useEffect(() => {
  const source = new EventSource('/api/v1/sse/events');
  const stop = () => source.close();
  return stop;
}, []);`,
    },
    {
      // The cleanup hands it to a helper, or gathers several in an array to close them together.
      code: `useEffect(() => {
  const a = new EventSource('/api/v1/a');
  const b = new EventSource('/api/v1/b');
  const c = new EventSource('/api/v1/c');
  return () => {
    safeClose(a);
    [b, c].forEach((source) => source.close());
  };
}, []);`,
    },
    {
      // `return es.close.bind(es)`; `es!.close()` inside a conditional cleanup.
      code: `useEffect(() => {
  const es = new EventSource('/api/v1/a');
  return es.close.bind(es);
}, []);
useEffect(() => {
  const other = new EventSource('/api/v1/b') as EventSource;
  return enabled ? () => other!.close() : undefined;
}, [enabled]);`,
    },
    {
      // Aliases: bound to a const and stored in a ref; read back from a ref into a const.
      code: `function useFeeds(url: string, sourceRef: { current: EventSource | null }, otherRef: { current: EventSource | null }) {
  useEffect(() => {
    const es = new EventSource(url);
    sourceRef.current = es;
    return () => sourceRef.current?.close();
  }, [url]);
  useEffect(() => {
    otherRef.current = new EventSource(url);
    const current = otherRef.current;
    return () => current.close();
  }, [url]);
  useEffect(() => {
    sources['chat'] = new EventSource(url);
    return () => sources.chat.close();
  }, [url]);
}`,
    },
    {
      // A cleanup that calls a `useCallback` of the component that closes the ref.
      code: `import { useCallback, useEffect, useRef } from 'react';
export function useStream(url: string) {
  const ref = useRef<EventSource>();
  const disconnect = useCallback(() => {
    ref.current?.close();
  }, []);
  useEffect(() => {
    ref.current = new EventSource(url);
    return () => disconnect();
  }, [url, disconnect]);
  const other = useRef<EventSource | null>(null);
  const closeOther = () => other.current?.close();
  useEffect(() => {
    other.current ??= new EventSource(url);
    return closeOther;
  }, [url]);
}`,
    },
    {
      // Reassignment: every EventSource put in `es` is covered by the cleanup that closes `es`.
      code: `useEffect(() => {
  let es = new EventSource(url);
  es.onerror = () => {
    es.close();
    es = new EventSource(url);
  };
  return () => es.close();
}, [url]);`,
    },
    {
      // An early `return;` before the connection, a function-expression callback, `window.EventSource`, a polyfill.
      code: `import { EventSourcePolyfill } from 'event-source-polyfill';
useEffect(function subscribe() {
  if (!token) return;
  const es = new window.EventSource(url);
  const authed = new EventSourcePolyfill(url, { headers: { Authorization: token } });
  return function cleanup() {
    es.close();
    authed.close();
  };
}, [token, url]);`,
    },

    {
      // Opened after an async step (IIFE, `.then`) into names the cleanup can reach.
      code: `useEffect(() => {
  let es: EventSource | undefined;
  (async () => {
    const token = await fetchStreamToken();
    sourceRef.current = new EventSource(\`/api/v1/sse/events?token=\${token}\`);
  })();
  fetchStreamToken().then((token) => {
    es = new EventSource(\`/api/v1/notifications/stream?token=\${token}\`);
  });
  return () => {
    sourceRef.current?.close();
    es?.close();
  };
}, []);`,
    },
    {
      // Known limit: a reassignment that drops the previous connection without closing it is not seen,
      // because the cleanup does close whatever `es` holds last.
      code: `useEffect(() => {
  let es = new EventSource('/api/v1/a');
  es = new EventSource('/api/v1/b');
  return () => es.close();
}, []);`,
    },

    {
      // Other drop-in classes and `globalThis.EventSource`; several returns, one cleanup closing is enough.
      code: `import { NativeEventSource } from 'event-source-polyfill';
import ReconnectingEventSource from 'reconnecting-eventsource';
useEffect(() => {
  if (paused) return () => setPaused(false);
  const a = new NativeEventSource(url);
  const b = new ReconnectingEventSource(url);
  const c = new globalThis.EventSource(url);
  return () => [a, b, c].forEach((source) => source.close());
}, [paused, url]);`,
    },

    // ---- Handed over: someone else owns its lifetime ----
    {
      code: `import { useEffect, useState } from 'react';
export function useSharedSource(url: string, pool: Map<string, EventSource>, sources: { current: Record<string, EventSource> }, id: string) {
  const [source, setSource] = useState<EventSource | null>(null);
  useEffect(() => {
    setSource(new EventSource(url));
    pool.set(url, new EventSource(url));
    sources.current[id] = new EventSource(url);
  }, [url]);
  useEffect(() => () => source?.close(), [source]);
  // Returned by the effect itself (TypeScript rejects it: an EventSource is not a cleanup function).
  useEffect(() => new EventSource(url), [url]);
}`,
    },
    {
      // The cleanup is something the rule cannot read: silent.
      code: `import { createCleanup } from './sse';
useEffect(() => {
  const es = new EventSource('/api/v1/sse/events');
  return createCleanup(es);
}, []);`,
    },

    // ---- Near misses ----
    {
      // Not an effect: useMemo, useRef's initial value, a custom hook taking a callback, and classes that merely mention EventSource.
      code: `const source = useMemo(() => new EventSource(url), [url]);
const sourceRef = useRef(new EventSource(url));
useSubscription(() => {
  const es = new EventSource(url);
});
useInsertionEffect(() => {
  const es = new EventSource(url);
});
useIsomorphicLayoutEffect(() => {
  const es = new EventSource(url);
}, []);
useEffect(() => {
  const manager = new EventSourceManager(url);
  const socket = new WebSocket(wsUrl);
}, []);`,
    },
    {
      // An effect callback passed by name is not followed.
      code: `function openStream() {
  const es = new EventSource('/api/v1/sse/events');
}
useEffect(openStream, []);`,
    },
    {
      // Bad input the parser still accepts: no arguments, a non-function callback, a computed constructor.
      code: `useEffect();
useEffect(undefined, []);
useLayoutEffect(null);
React.useEffect(() => {
  const Source = pickEventSource();
  const es = new (pickEventSource())(url);
  return () => {};
});
const x = new EventSource;`,
    },
    {
      // Settings for Igniter instances do not change anything here.
      code: `useEffect(() => {
  const es = new EventSource('/api/v1/sse/events');
  return () => es.close();
}, []);`,
      settings: { 'igniter-rt': { instanceNames: ['api'] } },
    },
    {
      // Names are compared by what they name: a unicode escape (`\u0065s` is `es`) changes nothing.
      code: String.raw`useEffect(() => {
  const \u0065s = new \u0045ventSource(url);
  return () => es.close();
}, [url]);`,
    },
  ],
  invalid: [
    // ---- The docs page's ❌ examples ----
    {
      ...docs('notification-bell'),
      errors: [
        {
          messageId: 'leakedEventSource',
          data: { hook: 'useEffect', reason: 'the effect returns no cleanup' },
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 80,
          suggestions: [{ messageId: 'addCleanup', data: { name: 'source' }, output: notificationBellFixed }],
        },
      ],
    },
    {
      ...docs('live-feed-unreachable'),
      errors: [
        {
          messageId: 'leakedEventSource',
          data: { hook: 'useEffect', reason: 'its cleanup never calls `eventSource.close()`' },
          line: 9,
          column: 27,
          endLine: 9,
          endColumn: 52,
          suggestions: [],
        },
      ],
    },
    {
      ...docs('never-stored'),
      errors: [
        {
          messageId: 'leakedEventSource',
          data: { hook: 'useEffect', reason: 'it is not stored anywhere, so nothing can close it' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 53,
          suggestions: [],
        },
      ],
    },

    // ---- Cleanup exists but does not close it ----
    {
      // React.useEffect in a component with JSX; the cleanup only resets state.
      code: `import React from 'react';

export function LiveOrders({ storeId }: { storeId: string }) {
  const [orders, setOrders] = React.useState<string[]>([]);
  React.useEffect(() => {
    const es = new EventSource(\`/api/v1/orders/stream?store=\${storeId}\`);
    es.addEventListener('order', (event) => setOrders((prev) => [...prev, (event as MessageEvent).data]));
    return () => setOrders([]);
  }, [storeId]);
  return <ol>{orders.map((o) => <li key={o}>{o}</li>)}</ol>;
}
`,
      filename: tsx,
      errors: [
        {
          messageId: 'leakedEventSource',
          data: { hook: 'React.useEffect', reason: 'its cleanup never calls `es.close()`' },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 73,
          suggestions: [],
        },
      ],
    },
    {
      // Two connections, only one closed.
      code: `useEffect(() => {
  const chat = new EventSource('/api/v1/chat');
  const presence = new EventSource('/api/v1/presence');
  return () => chat.close();
}, []);`,
      errors: [
        {
          messageId: 'leakedEventSource',
          data: { hook: 'useEffect', reason: 'its cleanup never calls `presence.close()`' },
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 55,
          suggestions: [],
        },
      ],
    },
    {
      // A ref holder whose cleanup forgets the connection and only drops the reference.
      code: `useEffect(() => {
  sourceRef.current = new EventSource(url);
  return () => {
    sourceRef.current = null;
  };
}, [url]);`,
      errors: [{ messageId: 'leakedEventSource', data: { hook: 'useEffect', reason: 'its cleanup never calls `sourceRef.current.close()`' }, line: 2, column: 23, suggestions: [] }],
    },
    {
      // The cleanup is a named local function that does not close it.
      code: `useEffect(() => {
  const es = new EventSource(url);
  es.onopen = () => setConnected(true);
  function teardown() {
    setConnected(false);
  }
  return teardown;
}, [url]);`,
      errors: [{ messageId: 'leakedEventSource', data: { hook: 'useEffect', reason: 'its cleanup never calls `es.close()`' }, line: 2, suggestions: [] }],
    },
    {
      // A polyfill and `window.EventSource`, with an empty cleanup.
      code: `import { EventSourcePolyfill } from 'event-source-polyfill';
useEffect(() => {
  const polyfilled = new EventSourcePolyfill(url, { headers });
  const native = new window.EventSource(url);
  return () => {};
}, [url]);`,
      errors: [
        { messageId: 'leakedEventSource', data: { hook: 'useEffect', reason: 'its cleanup never calls `polyfilled.close()`' }, line: 3, column: 22, endColumn: 63, suggestions: [] },
        { messageId: 'leakedEventSource', data: { hook: 'useEffect', reason: 'its cleanup never calls `native.close()`' }, line: 4, column: 18, endColumn: 45, suggestions: [] },
      ],
    },
    {
      // Opened in a `.then` callback: the const is out of the cleanup's reach.
      code: `useEffect(() => {
  const controller = new AbortController();
  fetchStreamToken({ signal: controller.signal }).then((token) => {
    const es = new EventSource(\`/api/v1/sse/events?token=\${token}\`);
    es.onmessage = onMessage;
  });
  return () => controller.abort();
}, [onMessage]);`,
      errors: [{ messageId: 'leakedEventSource', data: { hook: 'useEffect', reason: 'its cleanup never calls `es.close()`' }, line: 4, column: 16, suggestions: [] }],
    },

    // ---- Never stored ----
    {
      // A helper returns it, but its call drops the result; the named cleanup does not help.
      code: `useEffect(() => {
  const connect = () => new EventSource(url);
  connect();
  const stop = () => setOpen(false);
  return stop;
}, [url]);`,
      errors: [
        {
          messageId: 'leakedEventSource',
          data: { hook: 'useEffect', reason: 'it is not stored anywhere, so nothing can close it' },
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 45,
          suggestions: [],
        },
      ],
    },
    {
      // A function-expression callback that fires and forgets; the cleanup cannot be read, yet nothing could close it.
      code: `useEffect(function track() {
  new EventSource('/api/v1/analytics/track');
  return createCleanup();
}, []);`,
      errors: [{ messageId: 'leakedEventSource', data: { hook: 'useEffect', reason: 'it is not stored anywhere, so nothing can close it' }, line: 2, column: 3, endColumn: 45, suggestions: [] }],
    },

    {
      // A destructuring keeps no handle on the connection.
      code: `useEffect(() => {
  const { readyState } = new EventSource(url);
  setReadyState(readyState);
  return () => setReadyState(undefined);
}, [url]);`,
      errors: [{ messageId: 'leakedEventSource', data: { hook: 'useEffect', reason: 'it is not stored anywhere, so nothing can close it' }, line: 2, column: 26, endColumn: 46, suggestions: [] }],
    },

    // ---- No cleanup at all: the suggestion ----
    {
      // useLayoutEffect, multi-line body.
      code: `useLayoutEffect(() => {
  const es = new EventSource(url);
}, [url]);`,
      errors: [
        {
          messageId: 'leakedEventSource',
          data: { hook: 'useLayoutEffect', reason: 'the effect returns no cleanup' },
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'addCleanup',
              data: { name: 'es' },
              output: `useLayoutEffect(() => {
  const es = new EventSource(url);
  return () => { es.close(); };
}, [url]);`,
            },
          ],
        },
      ],
    },
    {
      // A one-line effect: the cleanup goes inline.
      code: `useEffect(() => { const es = new EventSource(url); es.onmessage = onMessage; }, [url]);`,
      errors: [
        {
          messageId: 'leakedEventSource',
          line: 1,
          column: 30,
          suggestions: [
            { messageId: 'addCleanup', data: { name: 'es' }, output: `useEffect(() => { const es = new EventSource(url); es.onmessage = onMessage; return () => { es.close(); }; }, [url]);` },
          ],
        },
      ],
    },
    {
      // Tabs are kept, and the new line goes after the last line's trailing comment.
      code: 'useEffect(() => {\n\tconst es = new EventSource(url); // live updates\n\tes.onmessage = onMessage; // forward\n}, [url]);',
      errors: [
        {
          messageId: 'leakedEventSource',
          line: 2,
          column: 13,
          suggestions: [
            {
              messageId: 'addCleanup',
              data: { name: 'es' },
              output: 'useEffect(() => {\n\tconst es = new EventSource(url); // live updates\n\tes.onmessage = onMessage; // forward\n\treturn () => { es.close(); };\n}, [url]);',
            },
          ],
        },
      ],
    },
    {
      // An early `return;` is not a cleanup: the new one goes at the end of the callback.
      code: `useEffect(() => {
  if (!enabled) return;
  const es = new EventSource(url);
  es.onmessage = onMessage;
}, [enabled, url]);`,
      errors: [
        {
          messageId: 'leakedEventSource',
          data: { hook: 'useEffect', reason: 'the effect returns no cleanup' },
          line: 3,
          suggestions: [
            {
              messageId: 'addCleanup',
              data: { name: 'es' },
              output: `useEffect(() => {
  if (!enabled) return;
  const es = new EventSource(url);
  es.onmessage = onMessage;
  return () => { es.close(); };
}, [enabled, url]);`,
            },
          ],
        },
      ],
    },

    {
      // Bound to a name and then passed to a state setter: still the effect's to close.
      code: `useEffect(() => {
  const es = new EventSource(url);
  setSource(es);
}, [url]);`,
      errors: [
        {
          messageId: 'leakedEventSource',
          data: { hook: 'useEffect', reason: 'the effect returns no cleanup' },
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'addCleanup',
              data: { name: 'es' },
              output: `useEffect(() => {
  const es = new EventSource(url);
  setSource(es);
  return () => { es.close(); };
}, [url]);`,
            },
          ],
        },
      ],
    },

    // ---- No cleanup, but no suggestion ----
    {
      // A `let` that is reassigned: each EventSource is reported; the rule does not guess which one to close.
      code: `useEffect(() => {
  let es = new EventSource(url);
  es.onerror = () => {
    es.close();
    es = new EventSource(url);
  };
}, [url]);`,
      errors: [
        { messageId: 'leakedEventSource', data: { hook: 'useEffect', reason: 'the effect returns no cleanup' }, line: 2, column: 12, suggestions: [] },
        { messageId: 'leakedEventSource', data: { hook: 'useEffect', reason: 'the effect returns no cleanup' }, line: 5, column: 10, suggestions: [] },
      ],
    },
    {
      // A const in a nested block (the object literal hands its EventSource over: silent).
      code: `useEffect(() => {
  if (enabled) {
    const es = new EventSource(url);
  }
  const holder = { current: new EventSource(url) };
}, [enabled]);`,
      errors: [{ messageId: 'leakedEventSource', data: { hook: 'useEffect', reason: 'the effect returns no cleanup' }, line: 3, column: 16, endLine: 3, endColumn: 36, suggestions: [] }],
    },
    {
      // A unicode escape in the hook and the binding: the hook is shown as written, the suggestion closes the name it spells.
      code: String.raw`React.useEff\u0065ct(() => {
  const \u0065s = new EventSource(url);
}, [url]);`,
      errors: [
        {
          messageId: 'leakedEventSource',
          data: { hook: String.raw`React.useEff\u0065ct`, reason: 'the effect returns no cleanup' },
          line: 2,
          column: 19,
          suggestions: [
            {
              messageId: 'addCleanup',
              data: { name: 'es' },
              output: String.raw`React.useEff\u0065ct(() => {
  const \u0065s = new EventSource(url);
  return () => { es.close(); };
}, [url]);`,
            },
          ],
        },
      ],
    },
  ],
};

runRuleCases('no-leaked-event-source', cases);

describe('no-leaked-event-source: the suggestion gives the page\'s ✅ example', () => {
  it('notification-bell, fixed, is notification-bell-closed but for its marker', () => {
    expect(withoutMarkers(notificationBellFixed)).toBe(docs('notification-bell-closed').code);
  });
});
