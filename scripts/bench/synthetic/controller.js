// One Igniter.js 0.3 controller per feature: list / getById / create / update / delete,
// with zod schemas, realtime publishing, scoped revalidation and, now and then, a mistake.

import { pluralize, toKebab, toPascal } from './names.js';

const FIELD_POOL = [
  ['title', 'z.string().min(1).max(120)'],
  ['description', 'z.string().max(2000).optional()'],
  ['status', "z.enum(['draft', 'active', 'archived']).default('draft')"],
  ['priority', 'z.number().int().min(0).max(5).default(2)'],
  ['dueDate', 'z.coerce.date().optional()'],
  ['tags', 'z.array(z.string().min(1)).max(20).default([])'],
  ['amount', 'z.number().nonnegative()'],
  ['currency', "z.string().length(3).default('USD')"],
  ['email', 'z.string().email()'],
  ['isPublic', 'z.boolean().default(false)'],
  ['metadata', 'z.record(z.string(), z.string()).optional()'],
  ['position', 'z.number().int().nonnegative().optional()'],
];

export function describeFeature(key) {
  const kebab = toKebab(key);
  return { key, kebab, pascal: toPascal(key), path: `/${pluralize(kebab)}`, label: kebab.replace(/-/g, ' ') };
}

export function controllerPath(feature) {
  return `src/features/${feature.kebab}/controllers/${feature.kebab}.controller.ts`;
}

/** Picks the per-controller variations up front so the template below stays readable. */
function chooseTraits(rng) {
  return {
    fields: [FIELD_POOL[0], ...rng.sample(FIELD_POOL.slice(1), rng.int(2, 5))],
    streamList: rng.chance(0.75),
    withEvents: rng.chance(0.2),
    eventsCleanup: rng.chance(0.85),
    withArchive: rng.chance(0.15),
    strictAuth: rng.chance(0.3),
    publishStyle: rng.weighted({ publish: 45, builder: 15, none: 40 }),
    // Each mutation independently forgets `response.revalidate(...)` about 5% of the time.
    forgetRevalidate: { create: rng.chance(0.05), update: rng.chance(0.05), delete: rng.chance(0.05), archive: rng.chance(0.05) },
    scopeStyle: rng.weighted({ arrow: 70, async: 20, none: 10 }),
    revalidateDetail: rng.chance(0.5),
  };
}

function scopeArg(traits) {
  if (traits.scopeStyle === 'none') return '';
  if (traits.scopeStyle === 'async') return ', async (ctx) => [`user:${ctx.user.id}`]';
  return ', (ctx) => [`user:${ctx.user.id}`]';
}

function finish(feature, traits, action, keys, tail) {
  if (traits.forgetRevalidate[action]) return `return response.${tail};`;
  const list = keys.map((key) => `'${feature.key}.${key}'`).join(', ');
  return `return response.revalidate([${list}]${scopeArg(traits)}).${tail};`;
}

function publishLines(feature, traits, type, idExpr) {
  if (traits.publishStyle === 'none') return [];
  if (traits.publishStyle === 'builder') {
    return [
      `await realtime`,
      `  .to(\`${feature.key}:\${context.user.id}\`)`,
      `  .withType('${feature.key}.${type}')`,
      `  .withData({ id: ${idExpr} })`,
      `  .publish();`,
    ];
  }
  return [`await realtime.publish(\`${feature.key}:\${context.user.id}\`, { type: '${type}', id: ${idExpr} });`];
}

function indent(lines, depth) {
  const pad = '  '.repeat(depth);
  return lines.map((line) => (line ? pad + line : line));
}

function auth(traits) {
  return traits.strictAuth ? 'authProcedure({ required: true })' : 'authProcedure()';
}

function listAction(feature, traits) {
  const model = `context.database.${feature.key}`;
  return [
    `list: igniter.query({`,
    `  path: '/',`,
    ...(traits.streamList ? [`  stream: true,`] : []),
    `  use: [${auth(traits)}],`,
    `  query: ${feature.key}ListQuery,`,
    `  handler: async ({ request, context, response }) => {`,
    `    const { page, limit, search } = request.query;`,
    `    const where = {`,
    `      ownerId: context.user.id,`,
    `      ...(search ? { title: { contains: search, mode: 'insensitive' as const } } : {}),`,
    `    };`,
    `    const [items, total] = await Promise.all([`,
    `      ${model}.findMany({ where, skip: (page - 1) * limit, take: limit, orderBy: { createdAt: 'desc' } }),`,
    `      ${model}.count({ where }),`,
    `    ]);`,
    `    return response.success({ items, total, page, limit, hasMore: page * limit < total });`,
    `  },`,
    `}),`,
  ];
}

function getByIdAction(feature, traits) {
  return [
    `getById: igniter.query({`,
    `  path: '/:id' as const,`,
    `  use: [${auth(traits)}],`,
    `  handler: async ({ request, context, response }) => {`,
    `    const item = await context.database.${feature.key}.findUnique({ where: { id: request.params.id } });`,
    `    if (!item || item.ownerId !== context.user.id) {`,
    `      return response.notFound('${toPascal(feature.label)} not found');`,
    `    }`,
    `    return response.success(item);`,
    `  },`,
    `}),`,
  ];
}

function mutationArgs(traits) {
  return traits.publishStyle === 'none' ? '{ request, context, response }' : '{ request, context, response, realtime }';
}

function createAction(feature, traits) {
  return [
    `create: igniter.mutation({`,
    `  path: '/',`,
    `  method: 'POST',`,
    `  use: [${auth(traits)}],`,
    `  body: ${feature.key}Schema,`,
    `  handler: async (${mutationArgs(traits)}) => {`,
    `    const item = await context.database.${feature.key}.create({`,
    `      data: { ...request.body, ownerId: context.user.id },`,
    `    });`,
    `    context.logger.info('${feature.label} created', { id: item.id, userId: context.user.id });`,
    ...indent(publishLines(feature, traits, 'created', 'item.id'), 2),
    `    ${finish(feature, traits, 'create', ['list'], 'created(item)')}`,
    `  },`,
    `}),`,
  ];
}

function updateAction(feature, traits) {
  const keys = traits.revalidateDetail ? ['list', 'getById'] : ['list'];
  return [
    `update: igniter.mutation({`,
    `  path: '/:id' as const,`,
    `  method: 'PUT',`,
    `  use: [${auth(traits)}],`,
    `  body: ${feature.key}Schema.partial(),`,
    `  handler: async (${mutationArgs(traits)}) => {`,
    `    const existing = await context.database.${feature.key}.findUnique({ where: { id: request.params.id } });`,
    `    if (!existing || existing.ownerId !== context.user.id) {`,
    `      return response.notFound('${toPascal(feature.label)} not found');`,
    `    }`,
    `    const updated = await context.database.${feature.key}.update({`,
    `      where: { id: existing.id },`,
    `      data: { ...request.body, updatedAt: new Date() },`,
    `    });`,
    ...indent(publishLines(feature, traits, 'updated', 'updated.id'), 2),
    `    ${finish(feature, traits, 'update', keys, 'success(updated)')}`,
    `  },`,
    `}),`,
  ];
}

function deleteAction(feature, traits) {
  return [
    `delete: igniter.mutation({`,
    `  path: '/:id' as const,`,
    `  method: 'DELETE',`,
    `  use: [${auth(traits)}],`,
    `  handler: async ({ request, context, response }) => {`,
    `    const { count } = await context.database.${feature.key}.deleteMany({`,
    `      where: { id: request.params.id, ownerId: context.user.id },`,
    `    });`,
    `    if (count === 0) {`,
    `      return response.notFound('${toPascal(feature.label)} not found');`,
    `    }`,
    `    ${finish(feature, traits, 'delete', ['list'], 'noContent()')}`,
    `  },`,
    `}),`,
  ];
}

function archiveAction(feature, traits) {
  return [
    `archive: igniter.mutation({`,
    `  path: '/:id/archive' as const,`,
    `  method: 'POST',`,
    `  use: [${auth(traits)}],`,
    `  handler: async ({ request, context, response }) => {`,
    `    const archived = await context.database.${feature.key}.update({`,
    `      where: { id: request.params.id },`,
    `      data: { archivedAt: new Date() },`,
    `    });`,
    `    ${finish(feature, traits, 'archive', ['list', 'getById'], 'success(archived)')}`,
    `  },`,
    `}),`,
  ];
}

function eventsAction(feature, traits) {
  const cleanup = traits.eventsCleanup
    ? [
        `    request.raw.signal.addEventListener('abort', () => {`,
        `      void context.store.unsubscribe(channel, onEvent);`,
        `    });`,
      ]
    : [];
  return [
    `events: igniter.query({`,
    `  path: '/events',`,
    `  stream: true,`,
    `  use: [${auth(traits)}],`,
    `  handler: async ({ request, context, response }) => {`,
    `    const channel = \`${feature.key}:\${context.user.id}\`;`,
    `    const onEvent = (message: unknown) => {`,
    `      context.logger.debug('${feature.label} event', { channel, message });`,
    `    };`,
    `    await context.store.subscribe(channel, onEvent);`,
    ...cleanup,
    `    return response.stream({ channelId: channel, initialData: { status: 'connected' } });`,
    `  },`,
    `}),`,
  ];
}

export function generateController(feature, rng) {
  const traits = chooseTraits(rng);
  const actions = [
    listAction(feature, traits),
    getByIdAction(feature, traits),
    ...(traits.withEvents ? [eventsAction(feature, traits)] : []),
    createAction(feature, traits),
    updateAction(feature, traits),
    deleteAction(feature, traits),
    ...(traits.withArchive ? [archiveAction(feature, traits)] : []),
  ];
  const lines = [
    `import { z } from 'zod';`,
    `import { igniter } from '@/igniter';`,
    `import { authProcedure } from '@/features/auth/procedures/auth.procedure';`,
    ``,
    `export const ${feature.key}Schema = z.object({`,
    ...traits.fields.map(([name, schema]) => `  ${name}: ${schema},`),
    `});`,
    ``,
    `export type ${feature.pascal}Input = z.infer<typeof ${feature.key}Schema>;`,
    ``,
    `const ${feature.key}ListQuery = z.object({`,
    `  page: z.coerce.number().int().min(1).default(1),`,
    `  limit: z.coerce.number().int().min(1).max(100).default(20),`,
    `  search: z.string().trim().optional(),`,
    `});`,
    ``,
    `export const ${feature.key}Controller = igniter.controller({`,
    `  name: '${feature.key}',`,
    `  path: '${feature.path}',`,
    `  actions: {`,
    ...actions.flatMap((action) => indent(action, 2)),
    `  },`,
    `});`,
    ``,
  ];
  const forgotten = ['create', 'update', 'delete', ...(traits.withArchive ? ['archive'] : [])]
    .filter((action) => traits.forgetRevalidate[action]).length;
  const mistakes = forgotten + (traits.withEvents && !traits.eventsCleanup ? 1 : 0);
  return { path: controllerPath(feature), content: lines.join('\n'), mistakes };
}
