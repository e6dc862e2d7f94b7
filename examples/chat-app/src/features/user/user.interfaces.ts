import { z } from 'zod'

export const UpdateProfileSchema = z.object({
  name: z.string().trim().min(1).max(40).optional(),
  avatarUrl: z.url().nullable().optional(),
  status: z.string().trim().max(80).nullable().optional(),
})
