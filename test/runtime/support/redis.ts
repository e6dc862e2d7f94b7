/**
 * A throw-away Redis: Debian's `redis-server` on 127.0.0.1 and a free port, no persistence, its own temp
 * dir. Missing `redis-server` is an error (CI installs it through .ci/run), never a skip.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startChild } from './child-process.js';
import { freePort } from './free-port.js';

export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

export interface PubSubCount {
  /** Channels with at least one subscriber (`PUBSUB CHANNELS`). */
  channels: number;
  /** Subscriptions summed over those channels (`PUBSUB NUMSUB`): one per subscribed client and channel. */
  subscriptions: number;
  /** Per channel. */
  byChannel: Record<string, number>;
}

export interface RedisServer {
  url: string;
  port: number;
  /** A command connection for the test (closed by `stop`). */
  client: Redis;
  pubsub(): Promise<PubSubCount>;
  /** Connected clients (`CLIENT LIST`), excluding the test's own connection. */
  clientCount(): Promise<number>;
  stop(): Promise<void>;
}

export async function startRedis(options: { binary?: string } = {}): Promise<RedisServer> {
  const binary = options.binary ?? REDIS_SERVER;
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: the runtime tests need Debian's redis-server (apt-get install redis-server; .ci/run installs it).`);
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'igniter-rt-redis-'));
  const server = await startChild(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'], {
    name: 'redis-server',
    ready: /Ready to accept connections/,
    timeoutMs: 10_000,
  });
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await client.connect();
    if ((await client.ping()) !== 'PONG') throw new Error('redis-server did not answer PING');
  } catch (error) {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    client,
    async pubsub() {
      const channels = (await client.pubsub('CHANNELS', '*')) as string[];
      const byChannel: Record<string, number> = {};
      if (channels.length > 0) {
        const numsub = (await client.pubsub('NUMSUB', ...channels)) as (string | number)[];
        for (let index = 0; index < numsub.length; index += 2) byChannel[String(numsub[index])] = Number(numsub[index + 1]);
      }
      return { channels: channels.length, subscriptions: Object.values(byChannel).reduce((sum, count) => sum + count, 0), byChannel };
    },
    async clientCount() {
      const list = (await client.client('LIST')) as string;
      return list.trim().split('\n').filter(Boolean).length - 1;
    },
    async stop() {
      client.disconnect();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
