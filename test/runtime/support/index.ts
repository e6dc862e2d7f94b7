// The runtime harness: a real Redis, app server processes, the built browser page, headless Chromium.
export { startRedis, type RedisServer, type PubSubCount } from './redis.js';
export { startAppServer, type AppServer, type AppServerOptions, type RecordedRequest, type ServerMemory } from './app-server.js';
export { buildPage, type PageBuildOptions } from './page-build.js';
export { launchBrowser, TAB_HEADER, type HeadlessBrowser, type Tab, type RevalidateEvent } from './browser.js';
export { openSse, type SseConnection, type SseEvent, type SseOptions } from './sse-client.js';
export { freePort } from './free-port.js';
export { createNote, noteTexts, waitForLoaded } from './notes-page.js';
