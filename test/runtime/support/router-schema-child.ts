/**
 * Child process of router-schema.ts: loads the app's router (under tsx, from the app's folder) and
 * prints what the browser client needs of it, as JSON: per controller its name and path, per action
 * its name, path, method and whether it streams. Exits at once (the app's Redis client would keep it alive).
 */
import { pathToFileURL } from 'node:url';

interface ActionLike {
  name?: string;
  path: string;
  method: string;
  stream?: boolean;
}
interface RouterLike {
  controllers: Record<string, { name?: string; path: string; actions: Record<string, ActionLike> }>;
}

const routerModule = process.env.APP_ROUTER_MODULE;
if (!routerModule) throw new Error('router-schema-child: APP_ROUTER_MODULE is not set');
const loaded = (await import(pathToFileURL(routerModule).href)) as Record<string, RouterLike | undefined>;
const router = loaded[process.env.APP_ROUTER_EXPORT ?? 'AppRouter'];
if (!router?.controllers) throw new Error(`router-schema-child: ${routerModule} exports no router`);

const controllers = Object.fromEntries(
  Object.entries(router.controllers).map(([key, controller]) => [
    key,
    {
      name: controller.name ?? key,
      path: controller.path,
      actions: Object.fromEntries(
        Object.entries(controller.actions).map(([actionKey, action]) => [actionKey, { name: action.name ?? actionKey, path: action.path, method: action.method, isStream: action.stream === true }]),
      ),
    },
  ]),
);
process.stdout.write(`ROUTER_SCHEMA ${JSON.stringify({ controllers })}\n`, () => process.exit(0));
