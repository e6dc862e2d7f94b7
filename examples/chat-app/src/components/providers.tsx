'use client'

import { useRef, type PropsWithChildren } from 'react'
import { IgniterProvider } from '@igniter-js/core/client'
import { DIRECTORY_SCOPE, roomScope, userScope } from '@/lib/realtime'

type Session = { userId: string; roomIds: string[] }

/**
 * Opens the app's single SSE connection. Its scopes decide which scoped revalidations
 * reach this tab, so they must list the user, every room the user is in, and the
 * room directory (which every tab may show).
 */
export function ChatProviders({ userId, roomIds, children }: PropsWithChildren<Session>) {
  // The provider captures getContext once; read through a ref so a reconnect
  // (e.g. after joining a room adds a channel) sends the current scopes.
  const session = useRef<Session>({ userId, roomIds })
  session.current = { userId, roomIds }

  return (
    <IgniterProvider
      enableRealtime
      getContext={() => session.current}
      getScopes={(ctx) => [userScope(ctx.userId), ...ctx.roomIds.map(roomScope), DIRECTORY_SCOPE]}
    >
      {children}
    </IgniterProvider>
  )
}
