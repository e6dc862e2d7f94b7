import { z } from 'zod'

export const MessageBodySchema = z.object({
  text: z.string().trim().min(1).max(2000),
})

// Query strings arrive as strings, hence the coercion.
export const MessageListQuerySchema = z.object({
  before: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})

export const PinBodySchema = z.object({
  pinned: z.boolean(),
})

export const BulkDeleteBodySchema = z.object({
  messageIds: z.array(z.string()).min(1).max(100),
})
