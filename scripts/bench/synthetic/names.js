// Word lists and identifier casing shared by the synthetic-app generators.

export const FEATURE_NOUNS = [
  'project', 'task', 'invoice', 'customer', 'order', 'product', 'team', 'member', 'comment',
  'document', 'report', 'ticket', 'message', 'channel', 'notification', 'payment', 'subscription',
  'workspace', 'folder', 'label', 'milestone', 'event', 'booking', 'shipment', 'warehouse',
  'supplier', 'contract', 'lead', 'campaign', 'survey', 'article', 'review', 'asset', 'device',
  'alert', 'incident', 'release', 'deployment', 'webhook', 'apiKey',
];

export const FEATURE_QUALIFIERS = [
  'audit', 'billing', 'team', 'user', 'project', 'sales', 'support', 'inventory', 'admin',
  'public', 'internal', 'mobile',
];

export const UI_NOUNS = [
  'card', 'list', 'table', 'panel', 'dialog', 'header', 'sidebar', 'badge', 'avatar', 'toolbar',
  'menu', 'form', 'field', 'chart', 'timeline', 'banner', 'drawer', 'tabs', 'tooltip', 'footer',
  'summary', 'filter', 'picker', 'row', 'grid', 'section', 'preview', 'skeleton', 'stepper',
];

export const DOMAIN_WORDS = [
  'account', 'profile', 'settings', 'billing', 'usage', 'activity', 'dashboard', 'analytics',
  'search', 'upload', 'calendar', 'schedule', 'inbox', 'checkout', 'cart', 'catalog', 'pricing',
  'onboarding', 'session', 'permission', 'role', 'audit', 'export', 'import', 'metric', 'status',
  'locale', 'theme', 'feedback', 'history',
];

export const UTILITY_AREAS = ['format', 'array', 'date', 'string', 'number', 'object', 'async', 'url', 'validation', 'color'];

export function toKebab(camel) {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

export function toPascal(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** camelCase from a list of lower-case or camelCase words. */
export function toCamel(words) {
  return words.map((word, index) => (index === 0 ? word : toPascal(word))).join('');
}

export function pluralize(word) {
  if (/(s|x|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/**
 * `count` distinct camelCase feature names such as `invoice` or `billingPayment`.
 * Single nouns come first (like most real apps), then qualified ones, then numbered ones.
 */
export function featureNames(count, rng) {
  const single = rng.shuffle(FEATURE_NOUNS);
  const qualified = rng.shuffle(
    FEATURE_QUALIFIERS.flatMap((qualifier) =>
      FEATURE_NOUNS.filter((noun) => noun !== qualifier).map((noun) => toCamel([qualifier, noun])),
    ),
  );
  const names = [...single, ...qualified];
  for (let index = 2; names.length < count; index += 1) {
    for (const noun of FEATURE_NOUNS) names.push(`${noun}${index}`);
  }
  return names.slice(0, count);
}

/** Hands out unique values: a repeated `base` gets a numeric suffix. */
export function createUniqueNamer() {
  const seen = new Map();
  return (base) => {
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}${count}`;
  };
}
