// The bulk of the synthetic app: ordinary TypeScript/TSX files with no Igniter.js usage.

import { generateConfig, generateTypes, generateUtility } from './module-files.js';
import { DOMAIN_WORDS, UI_NOUNS, UTILITY_AREAS, createUniqueNamer, toCamel, toKebab, toPascal } from './names.js';
import { generateComponent, generatePage } from './react-files.js';
import { generateHook, generateService } from './service-files.js';

const KIND_WEIGHTS = { component: 28, page: 4, hook: 8, utility: 20, types: 12, service: 20, config: 8 };

/** 40–150 lines, skewed towards the middle like real code. */
function targetLines(rng) {
  return Math.round(40 + ((rng.next() + rng.next()) / 2) * 110);
}

function makeFile(kind, rng, features, uniquePath) {
  const target = targetLines(rng);
  const domain = rng.pick(DOMAIN_WORDS);
  const feature = features.length > 0 ? rng.pick(features) : { kebab: 'core' };
  switch (kind) {
    case 'component': {
      const base = toPascal(domain) + toPascal(rng.pick(UI_NOUNS));
      const dir = rng.chance(0.5) ? `src/components/${domain}` : `src/features/${feature.kebab}/presentation/components`;
      const { stem, suffix } = uniquePath(`${dir}/${toKebab(base)}`);
      return { path: `${stem}.tsx`, content: generateComponent(rng, { name: base + suffix, entity: domain, target }) };
    }
    case 'page': {
      const noun = rng.pick(UI_NOUNS);
      const { stem, suffix } = uniquePath(`src/app/(dashboard)/${domain}/${noun}`);
      const route = stem.slice('src/app/(dashboard)'.length);
      const name = `${toPascal(domain)}${toPascal(noun)}Page${suffix}`;
      return { path: `${stem}/page.tsx`, content: generatePage(rng, { name, entity: domain, route, target }) };
    }
    case 'hook': {
      const base = toCamel(['use', domain, rng.pick(['data', 'state', 'stats', 'preferences', 'details', 'summary'])]);
      const { stem, suffix } = uniquePath(`src/hooks/${toKebab(base)}`);
      return { path: `${stem}.ts`, content: generateHook(rng, { name: base + suffix, entity: domain, target }) };
    }
    case 'utility': {
      const { stem } = uniquePath(`src/lib/${rng.pick(UTILITY_AREAS)}/${domain}`);
      return { path: `${stem}.ts`, content: generateUtility(rng, { target }) };
    }
    case 'types': {
      const dir = rng.chance(0.5) ? 'src/types' : `src/features/${feature.kebab}/types`;
      const { stem } = uniquePath(`${dir}/${domain}`);
      return { path: `${stem}.types.ts`, content: generateTypes(rng, { entity: domain, target }) };
    }
    case 'service': {
      const entity = toCamel([domain, rng.pick(['sync', 'export', 'cache', 'search', 'billing', 'metrics'])]);
      const { stem } = uniquePath(`src/server/services/${toKebab(entity)}`);
      return { path: `${stem}.service.ts`, content: generateService(rng, { entity, target }) };
    }
    default: {
      const { stem } = uniquePath(`src/config/${domain}`);
      return { path: `${stem}.config.ts`, content: generateConfig(rng, { entity: domain, target }) };
    }
  }
}

export function generateOrdinaryFiles(count, rng, features) {
  const namer = createUniqueNamer();
  // Returns a unique path stem; `suffix` ('' or '2', '3', ...) keeps declared names unique too.
  const uniquePath = (stem) => {
    const unique = namer(stem);
    return { stem: unique, suffix: unique.slice(stem.length) };
  };
  const files = [];
  for (let index = 0; index < count; index += 1) {
    files.push(makeFile(rng.weighted(KIND_WEIGHTS), rng, features, uniquePath));
  }
  return files;
}
