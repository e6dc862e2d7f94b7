import { Igniter } from '@igniter-js/core'
import { createIgniterAppContext } from './igniter.context'
import { store } from '@/lib/memory-store'

export const igniter = Igniter
  .context(createIgniterAppContext)
  .store(store)
  .config({
    baseURL: 'http://localhost:3000',
    // The client's SSE endpoint is hard-wired to /api/v1/sse/events in 0.3.40.
    basePATH: '/api/v1',
  })
  .create()
