'use client'

import { useEffect, useState } from 'react'

type Status = 'connecting' | 'online' | 'offline'

/**
 * A small "server online" badge. It listens on the built-in `system` SSE channel,
 * which the 0.3.40 router always registers, so the connection is never refused,
 * and the server sends a keep-alive comment on it every 30 s.
 */
export function ServerStatus() {
  const [status, setStatus] = useState<Status>('connecting')

  useEffect(() => {
    // MISTAKE(no-leaked-event-source): the effect returns no cleanup, so every unmount (and every Strict Mode double mount) leaves one more SSE connection open, each reconnecting forever; return () => source.close().
    const source = new EventSource('/api/v1/sse/events?channels=system')
    source.onopen = () => setStatus('online')
    // EventSource reconnects by itself; onopen flips the badge back.
    source.onerror = () => setStatus('offline')
  }, [])

  return (
    <span role="status" data-status={status}>
      {status === 'online' ? 'Server online' : status === 'offline' ? 'Server offline, retrying…' : 'Connecting…'}
    </span>
  )
}
