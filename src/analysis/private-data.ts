/**
 * Revalidation keys that look like one user's data, so revalidating them without scopes sends it to
 * everyone: the default of no-unscoped-revalidate's `sensitiveKeys`, and what `generate` refuses to
 * publish with `--scope none`. Case-insensitive globs, matched against each dot-separated segment.
 */
export const DEFAULT_SENSITIVE_KEYS = [
  'user*', 'profile*', 'account*', 'notification*', 'private*', 'billing*', 'payment*', 'invoice*',
  'admin*', 'session*', 'secret*', 'token*', 'sensitive*', 'settings*', 'inbox*', 'dm*',
];
