// The Igniter.js wiring every app has: builder, context, auth procedure, router, route handler,
// plus the project files (package.json, tsconfig.json with the `@/` path alias).

export function projectFiles() {
  const packageJson = {
    name: 'bench-app',
    private: true,
    type: 'module',
    dependencies: { '@igniter-js/core': '0.3.40', next: '15.5.0', react: '19.1.0', zod: '4.1.0' },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['dom', 'dom.iterable', 'ES2023'],
      module: 'esnext',
      moduleResolution: 'bundler',
      jsx: 'preserve',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      baseUrl: '.',
      paths: { '@/*': ['./src/*'] },
    },
    include: ['src/**/*.ts', 'src/**/*.tsx'],
  };
  return [
    { path: 'package.json', content: `${JSON.stringify(packageJson, null, 2)}\n` },
    { path: 'tsconfig.json', content: `${JSON.stringify(tsconfig, null, 2)}\n` },
  ];
}

const CONTEXT = `import { database } from '@/services/database';
import { logger } from '@/services/logger';
import { store } from '@/services/store';

export const createIgniterAppContext = () => ({
  database,
  logger,
  store,
  config: {
    appUrl: process.env.NEXT_PUBLIC_APP_URL ?? 'http://localhost:3000',
    jwtSecret: process.env.JWT_SECRET ?? '',
  },
});

export type IgniterAppContext = ReturnType<typeof createIgniterAppContext>;
`;

const IGNITER = `import { Igniter } from '@igniter-js/core';
import { createIgniterAppContext } from './igniter.context';
import { logger } from '@/services/logger';
import { store } from '@/services/store';

export const igniter = Igniter.context(createIgniterAppContext)
  .store(store)
  .logger(logger)
  .config({
    baseURL: process.env.NEXT_PUBLIC_IGNITER_API_URL ?? 'http://localhost:3000',
    basePATH: process.env.NEXT_PUBLIC_IGNITER_API_BASE_PATH ?? '/api/v1',
  })
  .create();
`;

const STORE = `import { createRedisStoreAdapter } from '@igniter-js/adapter-redis';
import { Redis } from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379', {
  maxRetriesPerRequest: null,
});

export const store = createRedisStoreAdapter(redis);
`;

const LOGGER = `import { createConsoleLogger, IgniterLogLevel } from '@igniter-js/core';

export const logger = createConsoleLogger({
  level: process.env.NODE_ENV === 'production' ? IgniterLogLevel.INFO : IgniterLogLevel.DEBUG,
  showTimestamp: true,
});
`;

const DATABASE = `import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const database = globalForPrisma.prisma ?? new PrismaClient();

if (process.env.NODE_ENV !== 'production') {
  globalForPrisma.prisma = database;
}
`;

const AUTH_PROCEDURE = `import { z } from 'zod';
import { igniter } from '@/igniter';
import { verifySessionToken } from '@/lib/auth/session';

export const authProcedure = igniter
  .procedure()
  .name('auth')
  .options(z.object({ required: z.boolean().default(true) }).default({ required: true }))
  .handler(async ({ options, request, context, response }) => {
    const token = request.cookies.get('session') ?? request.headers.get('authorization')?.replace('Bearer ', '');
    if (!token) {
      if (options.required) return response.unauthorized('Authentication required');
      return { user: { id: 'anonymous', role: 'guest' as const } };
    }
    const session = await verifySessionToken(token, context.config.jwtSecret);
    const user = await context.database.user.findUnique({ where: { id: session.userId } });
    if (!user) return response.unauthorized('Session expired');
    return { user };
  });
`;

const ROUTE_HANDLER = `import { nextRouteHandlerAdapter } from '@igniter-js/core/adapters';
import { AppRouter } from '@/igniter.router';

export const { GET, POST, PUT, DELETE, PATCH } = nextRouteHandlerAdapter(AppRouter);
`;

function routerFile(features) {
  const imports = features.map(
    (feature) => `import { ${feature.key}Controller } from '@/features/${feature.kebab}/controllers/${feature.kebab}.controller';`,
  );
  const entries = features.map((feature) => `    ${feature.key}: ${feature.key}Controller,`);
  return [
    `import { igniter } from '@/igniter';`,
    ...imports,
    ``,
    `export const AppRouter = igniter.router({`,
    `  controllers: {`,
    ...entries,
    `  },`,
    `});`,
    ``,
    `export type AppRouterType = typeof AppRouter;`,
    ``,
  ].join('\n');
}

/** Source files that use Igniter.js but are not controllers. */
export function igniterInfrastructure(features) {
  return [
    { path: 'src/igniter.context.ts', content: CONTEXT },
    { path: 'src/igniter.ts', content: IGNITER },
    { path: 'src/igniter.router.ts', content: routerFile(features) },
    { path: 'src/services/store.ts', content: STORE },
    { path: 'src/services/logger.ts', content: LOGGER },
    { path: 'src/services/database.ts', content: DATABASE },
    { path: 'src/features/auth/procedures/auth.procedure.ts', content: AUTH_PROCEDURE },
    { path: 'src/app/api/v1/[[...all]]/route.ts', content: ROUTE_HANDLER },
  ];
}
