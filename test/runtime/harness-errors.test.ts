/** The runtime harness fails loudly (never skips) when a Debian package it drives is missing. */
import { describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { startRedis } from './support/redis.js';

describe('runtime harness: missing system packages', () => {
  it('names redis-server and how to install it', async () => {
    await expect(startRedis({ binary: '/nonexistent/redis-server' })).rejects.toThrow(
      '/nonexistent/redis-server is missing: the runtime tests need Debian\'s redis-server (apt-get install redis-server; .ci/run installs it).',
    );
  });

  it('names chromium and how to install it', async () => {
    await expect(launchBrowser({ executablePath: '/nonexistent/chromium' })).rejects.toThrow(
      '/nonexistent/chromium is missing: the runtime tests need Debian\'s chromium (apt-get install chromium; .ci/run installs it).',
    );
  });
});
