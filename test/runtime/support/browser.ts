/**
 * Headless Debian Chromium through playwright-core. Each tab is a page in its own browser context
 * (own cookies, own connection pool), labelled: every request it sends carries `x-harness-tab: <label>`
 * (the server records it), and every `EventSource` it opens is watched: connections, opens, errors and
 * the `revalidate` events received, with their arrival time.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const TAB_HEADER = 'x-harness-tab';

export interface RevalidateEvent {
  /** `Date.now()` in the page when the event arrived. */
  at: number;
  scopes?: string[];
  queryKeys: string[];
}

export interface SseConnection {
  url: string;
  opens: number;
  errors: number;
}

export interface Tab {
  label: string;
  page: Page;
  context: BrowserContext;
  revalidateEvents(): Promise<RevalidateEvent[]>;
  sseConnections(): Promise<SseConnection[]>;
  close(): Promise<void>;
}

export interface HeadlessBrowser {
  browser: Browser;
  /** Opens `url` in a new tab (own context) labelled `label`; resolves once the page has loaded. */
  openTab(url: string, label: string): Promise<Tab>;
  close(): Promise<void>;
}

/**
 * Runs in every page before its scripts: wraps EventSource to record what each connection receives.
 * Plain JavaScript text, so no transform of this file can put helpers into it.
 */
const WATCH_EVENT_SOURCES = `(() => {
  const state = { connections: [], revalidate: [] };
  window.__harness = state;
  const NativeEventSource = window.EventSource;
  window.EventSource = class extends NativeEventSource {
    constructor(url, init) {
      super(url, init);
      const record = { url: String(url), opens: 0, errors: 0 };
      state.connections.push(record);
      this.addEventListener('open', () => { record.opens += 1; });
      this.addEventListener('error', () => { record.errors += 1; });
      this.addEventListener('revalidate', (event) => {
        const payload = JSON.parse(event.data);
        state.revalidate.push({ at: Date.now(), scopes: payload.scopes, queryKeys: (payload.data && payload.data.queryKeys) || [] });
      });
    }
  };
})();`;

export async function launchBrowser(options: { executablePath?: string } = {}): Promise<HeadlessBrowser> {
  const executablePath = options.executablePath ?? CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing: the runtime tests need Debian's chromium (apt-get install chromium; .ci/run installs it).`);
  }
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const tabs = new Set<Tab>();
  return {
    browser,
    async openTab(url, label) {
      const context = await browser.newContext({ extraHTTPHeaders: { [TAB_HEADER]: label } });
      await context.addInitScript({ content: WATCH_EVENT_SOURCES });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const response = await page.goto(url, { waitUntil: 'load' });
      if (!response?.ok()) throw new Error(`tab ${label}: ${url} answered ${response?.status()}`);
      const harnessState = () => page.evaluate<{ connections: SseConnection[]; revalidate: RevalidateEvent[] }>('window.__harness');
      const tab: Tab = {
        label,
        page,
        context,
        revalidateEvents: async () => (await harnessState()).revalidate,
        sseConnections: async () => (await harnessState()).connections,
        async close() {
          tabs.delete(tab);
          await context.close();
        },
      };
      if (pageErrors.length > 0) throw new Error(`tab ${label}: the page threw: ${pageErrors.join('; ')}`);
      tabs.add(tab);
      return tab;
    },
    async close() {
      for (const tab of [...tabs]) await tab.close();
      await browser.close();
    },
  };
}
