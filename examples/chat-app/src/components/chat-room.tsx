'use client'

import { useEffect, useRef, useState, type FormEvent } from 'react'
import { api } from '@/igniter.client'
import { HEARTBEAT_SECONDS } from '@/lib/realtime'
import { ServerStatus } from './server-status'

const TYPING_REFRESH_MS = 3_000
const TYPING_IDLE_MS = 4_000

export function ChatRoom({ roomId, currentUserId }: { roomId: string; currentUserId: string }) {
  const params = { roomId }

  // Refetched whenever message.create/update/delete revalidates `message.list`
  // with this room's scope (see ChatProviders' getScopes).
  const messages = api.message.list.useQuery({ params, query: { limit: 50 } })
  const sendMessage = api.message.create.useMutation()
  const editMessage = api.message.update.useMutation()
  const deleteMessage = api.message.delete.useMutation()

  // The query gives the first snapshot (and makes the server register the per-room
  // channel); useRealtime then receives every snapshot published to that channel.
  const typingQuery = api.typing.list.useQuery({ params })
  const typingLive = api.typing.list.useRealtime({ params })
  const startTyping = api.typing.startTyping.useMutation()
  const stopTyping = api.typing.stopTyping.useMutation()

  const presenceQuery = api.presence.list.useQuery({ params })
  const presenceLive = api.presence.list.useRealtime({ params })
  const heartbeat = api.presence.heartbeat.useMutation()
  const leavePresence = api.presence.leave.useMutation()

  const [draft, setDraft] = useState('')
  const lastTypingSentAt = useRef(0)
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useEffect(() => {
    const beat = () => void heartbeat.mutate({ params: { roomId } })
    beat()
    const interval = setInterval(beat, HEARTBEAT_SECONDS * 1000)
    return () => {
      clearInterval(interval)
      void leavePresence.mutate({ params: { roomId } })
    }
  }, [roomId, heartbeat.mutate, leavePresence.mutate])

  useEffect(
    () => () => {
      if (idleTimer.current) clearTimeout(idleTimer.current)
    },
    [],
  )

  const markStopped = () => {
    if (idleTimer.current) clearTimeout(idleTimer.current)
    idleTimer.current = null
    if (lastTypingSentAt.current === 0) return
    lastTypingSentAt.current = 0
    void stopTyping.mutate({ params: { roomId } })
  }

  const onDraftChange = (value: string) => {
    setDraft(value)
    const now = Date.now()
    // Refresh the 6s server-side TTL without sending a request per keystroke.
    if (now - lastTypingSentAt.current > TYPING_REFRESH_MS) {
      lastTypingSentAt.current = now
      void startTyping.mutate({ params: { roomId } })
    }
    if (idleTimer.current) clearTimeout(idleTimer.current)
    idleTimer.current = setTimeout(markStopped, TYPING_IDLE_MS)
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const text = draft.trim()
    if (!text) return
    setDraft('')
    markStopped()
    await sendMessage.mutate({ params: { roomId }, body: { text } })
  }

  const onEdit = async (messageId: string, current: string) => {
    const text = window.prompt('Edit message', current)?.trim()
    if (text && text !== current) await editMessage.mutate({ params: { roomId, messageId }, body: { text } })
  }

  const typingUserIds = (typingLive.data ?? typingQuery.data)?.userIds.filter((id) => id !== currentUserId) ?? []
  const onlineUserIds = (presenceLive.data ?? presenceQuery.data)?.onlineUserIds ?? []

  return (
    <section aria-label="Chat room">
      <header>
        <span>{onlineUserIds.length} online</span>
        {!presenceLive.isConnected && <span> (reconnecting…)</span>}
        <ServerStatus />
      </header>

      {messages.isLoading && <p>Loading messages…</p>}
      {messages.isError && <p role="alert">Could not load messages.</p>}
      <ol>
        {messages.data?.messages.map((message) => (
          <li key={message.id}>
            <strong>{onlineUserIds.includes(message.authorId) ? '● ' : ''}{message.authorId}</strong>{' '}
            {message.text}
            {message.editedAt && <small> (edited)</small>}
            {message.authorId === currentUserId && (
              <>
                <button type="button" onClick={() => void onEdit(message.id, message.text)}>Edit</button>
                <button
                  type="button"
                  onClick={() => void deleteMessage.mutate({ params: { roomId, messageId: message.id } })}
                >
                  Delete
                </button>
              </>
            )}
          </li>
        ))}
      </ol>

      <p aria-live="polite">
        {typingUserIds.length === 1 && `${typingUserIds[0]} is typing…`}
        {typingUserIds.length > 1 && `${typingUserIds.length} people are typing…`}
      </p>

      <form onSubmit={(event) => void onSubmit(event)}>
        <input
          value={draft}
          onChange={(event) => onDraftChange(event.target.value)}
          onBlur={markStopped}
          placeholder="Write a message"
        />
        <button type="submit" disabled={sendMessage.isLoading}>Send</button>
      </form>
    </section>
  )
}
