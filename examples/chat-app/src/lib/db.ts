export type User = {
  id: string
  name: string
  avatarUrl: string | null
  status: string | null
}

export type Room = {
  id: string
  name: string
  ownerId: string
  memberIds: string[]
  createdAt: string
}

export type Message = {
  id: string
  roomId: string
  authorId: string
  text: string
  createdAt: string
  editedAt: string | null
  pinnedAt: string | null
}

const now = () => new Date().toISOString()

const users = new Map<string, User>([
  ['u_ada', { id: 'u_ada', name: 'Ada', avatarUrl: null, status: null }],
  ['u_linus', { id: 'u_linus', name: 'Linus', avatarUrl: null, status: 'shipping' }],
])

// Fake bearer tokens; a real app would verify a signed session cookie.
const sessions = new Map<string, string>([
  ['token-ada', 'u_ada'],
  ['token-linus', 'u_linus'],
])

const rooms = new Map<string, Room>([
  ['r_general', { id: 'r_general', name: 'general', ownerId: 'u_ada', memberIds: ['u_ada', 'u_linus'], createdAt: now() }],
])

const messages = new Map<string, Message>()

/** A tiny in-memory repository with the shape a Prisma-backed one would have. */
export const db = {
  sessions: {
    async findUser(token: string): Promise<User | null> {
      const userId = sessions.get(token)
      return userId ? users.get(userId) ?? null : null
    },
  },

  users: {
    async findById(id: string): Promise<User | null> {
      return users.get(id) ?? null
    },
    async findMany(ids: string[]): Promise<User[]> {
      return ids.flatMap((id) => users.get(id) ?? [])
    },
    async update(id: string, data: Partial<Omit<User, 'id'>>): Promise<User> {
      const user = users.get(id)
      if (!user) throw new Error(`User ${id} not found`)
      const updated = { ...user, ...data }
      users.set(id, updated)
      return updated
    },
  },

  rooms: {
    async findById(id: string): Promise<Room | null> {
      return rooms.get(id) ?? null
    },
    async findAll(): Promise<Room[]> {
      return [...rooms.values()].sort((a, b) => a.name.localeCompare(b.name))
    },
    async findForMember(userId: string): Promise<Room[]> {
      return [...rooms.values()].filter((room) => room.memberIds.includes(userId))
    },
    async create(data: { name: string; ownerId: string }): Promise<Room> {
      const room: Room = {
        id: `r_${crypto.randomUUID()}`,
        name: data.name,
        ownerId: data.ownerId,
        memberIds: [data.ownerId],
        createdAt: now(),
      }
      rooms.set(room.id, room)
      return room
    },
    async updateName(id: string, name: string): Promise<Room> {
      const room = rooms.get(id)
      if (!room) throw new Error(`Room ${id} not found`)
      const updated = { ...room, name }
      rooms.set(id, updated)
      return updated
    },
    async addMember(id: string, userId: string): Promise<Room> {
      const room = rooms.get(id)
      if (!room) throw new Error(`Room ${id} not found`)
      const updated = room.memberIds.includes(userId)
        ? room
        : { ...room, memberIds: [...room.memberIds, userId] }
      rooms.set(id, updated)
      return updated
    },
    async removeMember(id: string, userId: string): Promise<Room> {
      const room = rooms.get(id)
      if (!room) throw new Error(`Room ${id} not found`)
      const updated = { ...room, memberIds: room.memberIds.filter((memberId) => memberId !== userId) }
      rooms.set(id, updated)
      return updated
    },
  },

  messages: {
    async findById(id: string): Promise<Message | null> {
      return messages.get(id) ?? null
    },
    async findByRoom(roomId: string, opts: { before?: string; take: number }): Promise<Message[]> {
      return [...messages.values()]
        .filter((m) => m.roomId === roomId && (!opts.before || m.createdAt < opts.before))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .slice(-opts.take)
    },
    async create(data: { roomId: string; authorId: string; text: string }): Promise<Message> {
      const message: Message = { id: `m_${crypto.randomUUID()}`, ...data, createdAt: now(), editedAt: null, pinnedAt: null }
      messages.set(message.id, message)
      return message
    },
    async update(id: string, text: string): Promise<Message> {
      const message = messages.get(id)
      if (!message) throw new Error(`Message ${id} not found`)
      const updated = { ...message, text, editedAt: now() }
      messages.set(id, updated)
      return updated
    },
    async setPinned(id: string, pinned: boolean): Promise<Message> {
      const message = messages.get(id)
      if (!message) throw new Error(`Message ${id} not found`)
      const updated = { ...message, pinnedAt: pinned ? now() : null }
      messages.set(id, updated)
      return updated
    },
    async delete(id: string): Promise<void> {
      messages.delete(id)
    },
  },
}

export type Database = typeof db
