// Plain TypeScript modules: utility functions, type declarations and configuration constants.

import { createBlockDrawer, fileText, fillTo } from './blocks.js';
import { toPascal } from './names.js';

export const UTILITIES = [
  (n) => [
    `export function chunk${n}<T>(items: readonly T[], size: number): T[][] {`,
    `  if (size <= 0) throw new RangeError('size must be positive');`,
    `  const result: T[][] = [];`,
    `  for (let index = 0; index < items.length; index += size) {`,
    `    result.push(items.slice(index, index + size));`,
    `  }`,
    `  return result;`,
    `}`,
  ],
  (n) => [
    `export function groupBy${n}<T, K extends PropertyKey>(items: readonly T[], keyOf: (item: T) => K): Record<K, T[]> {`,
    `  return items.reduce(`,
    `    (groups, item) => {`,
    `      const key = keyOf(item);`,
    `      (groups[key] ??= []).push(item);`,
    `      return groups;`,
    `    },`,
    `    {} as Record<K, T[]>,`,
    `  );`,
    `}`,
  ],
  (n) => [
    `export function debounce${n}<A extends unknown[]>(fn: (...args: A) => void, waitMs: number) {`,
    `  let timer: ReturnType<typeof setTimeout> | undefined;`,
    `  const debounced = (...args: A) => {`,
    `    if (timer !== undefined) clearTimeout(timer);`,
    `    timer = setTimeout(() => fn(...args), waitMs);`,
    `  };`,
    `  debounced.cancel = () => clearTimeout(timer);`,
    `  return debounced;`,
    `}`,
  ],
  (n) => [
    `export function slugify${n}(input: string): string {`,
    `  return input`,
    `    .normalize('NFKD')`,
    `    .replace(/[\\u0300-\\u036f]/g, '')`,
    `    .toLowerCase()`,
    `    .replace(/[^a-z0-9]+/g, '-')`,
    `    .replace(/^-+|-+$/g, '');`,
    `}`,
  ],
  (n) => [
    `export const clamp${n} = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));`,
  ],
  (n) => [
    `export async function retry${n}<T>(task: () => Promise<T>, attempts = 3, baseDelayMs = 200): Promise<T> {`,
    `  let lastError: unknown;`,
    `  for (let attempt = 0; attempt < attempts; attempt += 1) {`,
    `    try {`,
    `      return await task();`,
    `    } catch (error) {`,
    `      lastError = error;`,
    `      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** attempt));`,
    `    }`,
    `  }`,
    `  throw lastError;`,
    `}`,
  ],
  (n) => [
    `export function pick${n}<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {`,
    `  const result = {} as Pick<T, K>;`,
    `  for (const key of keys) {`,
    `    if (key in source) result[key] = source[key];`,
    `  }`,
    `  return result;`,
    `}`,
  ],
  (n) => [
    `export function formatCurrency${n}(amount: number, currency = 'USD', locale = 'en-US'): string {`,
    `  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);`,
    `}`,
  ],
  (n) => [
    `export function uniqueBy${n}<T>(items: readonly T[], keyOf: (item: T) => unknown): T[] {`,
    `  const seen = new Set<unknown>();`,
    `  return items.filter((item) => {`,
    `    const key = keyOf(item);`,
    `    if (seen.has(key)) return false;`,
    `    seen.add(key);`,
    `    return true;`,
    `  });`,
    `}`,
  ],
  (n) => [
    `export function invariant${n}(condition: unknown, message: string): asserts condition {`,
    `  if (!condition) {`,
    `    throw new Error(\`Invariant failed: \${message}\`);`,
    `  }`,
    `}`,
  ],
  (n) => [
    `export function truncate${n}(text: string, maxLength: number, suffix = '…'): string {`,
    `  if (text.length <= maxLength) return text;`,
    `  return text.slice(0, Math.max(0, maxLength - suffix.length)).trimEnd() + suffix;`,
    `}`,
  ],
  (n) => [
    `export function parseIsoDate${n}(value: string | null | undefined): Date | null {`,
    `  if (!value) return null;`,
    `  const date = new Date(value);`,
    `  return Number.isNaN(date.getTime()) ? null : date;`,
    `}`,
    ``,
    `export function addDays${n}(date: Date, days: number): Date {`,
    `  const copy = new Date(date);`,
    `  copy.setDate(copy.getDate() + days);`,
    `  return copy;`,
    `}`,
  ],
  (n) => [
    `export function buildUrl${n}(base: string, params: Record<string, string | number | boolean | undefined>): string {`,
    `  const url = new URL(base);`,
    `  for (const [key, value] of Object.entries(params)) {`,
    `    if (value !== undefined) url.searchParams.set(key, String(value));`,
    `  }`,
    `  return url.toString();`,
    `}`,
  ],
  (n) => [
    `export function compareBy${n}<T>(...selectors: ((item: T) => string | number)[]) {`,
    `  return (left: T, right: T): number => {`,
    `    for (const select of selectors) {`,
    `      const a = select(left);`,
    `      const b = select(right);`,
    `      if (a < b) return -1;`,
    `      if (a > b) return 1;`,
    `    }`,
    `    return 0;`,
    `  };`,
    `}`,
  ],
  (n) => [
    `export function hexToRgb${n}(hex: string): { r: number; g: number; b: number } | null {`,
    `  const match = /^#?([a-f\\d]{2})([a-f\\d]{2})([a-f\\d]{2})$/i.exec(hex);`,
    `  if (!match) return null;`,
    `  return { r: parseInt(match[1], 16), g: parseInt(match[2], 16), b: parseInt(match[3], 16) };`,
    `}`,
  ],
  (n) => [
    `export function sumBy${n}<T>(items: readonly T[], valueOf: (item: T) => number): number {`,
    `  let total = 0;`,
    `  for (const item of items) total += valueOf(item);`,
    `  return total;`,
    `}`,
  ],
];

function typeBlocks(entity) {
  const pascal = toPascal(entity);
  return [
    (n) => [
      `export interface ${pascal}${n} {`,
      `  id: string;`,
      `  name: string;`,
      `  status: ${pascal}Status${n};`,
      `  ownerId: string;`,
      `  tags: readonly string[];`,
      `  createdAt: Date;`,
      `  updatedAt: Date;`,
      `  archivedAt?: Date | null;`,
      `}`,
      ``,
      `export type ${pascal}Status${n} = 'draft' | 'active' | 'suspended' | 'archived';`,
    ],
    (n) => [
      `export interface Paginated${pascal}${n}<T> {`,
      `  items: T[];`,
      `  total: number;`,
      `  page: number;`,
      `  pageSize: number;`,
      `  hasMore: boolean;`,
      `}`,
    ],
    (n) => [
      `export type ${pascal}Result${n}<T> =`,
      `  | { ok: true; value: T }`,
      `  | { ok: false; error: { code: 'not_found' | 'forbidden' | 'conflict'; message: string } };`,
    ],
    (n) => [
      `export enum ${pascal}Event${n} {`,
      `  Created = '${entity}.created',`,
      `  Updated = '${entity}.updated',`,
      `  Deleted = '${entity}.deleted',`,
      `}`,
    ],
    (n) => [
      `export type ${pascal}Patch${n}<T> = {`,
      `  readonly [K in keyof T]?: T[K] extends object ? ${pascal}Patch${n}<T[K]> : T[K];`,
      `};`,
    ],
    (n) => [
      `export interface ${pascal}Filters${n} {`,
      `  search?: string;`,
      `  statuses?: string[];`,
      `  createdAfter?: Date;`,
      `  createdBefore?: Date;`,
      `  sort?: { field: 'name' | 'createdAt' | 'updatedAt'; direction: 'asc' | 'desc' };`,
      `}`,
    ],
    (n) => [
      `export const ${entity}Permissions${n} = ['read', 'write', 'admin'] as const;`,
      ``,
      `export type ${pascal}Permission${n} = (typeof ${entity}Permissions${n})[number];`,
    ],
    (n) => [
      `export interface ${pascal}Repository${n} {`,
      `  findById(id: string): Promise<${pascal}Record${n} | null>;`,
      `  findMany(filters: Record<string, unknown>, limit?: number): Promise<${pascal}Record${n}[]>;`,
      `  save(record: ${pascal}Record${n}): Promise<void>;`,
      `  remove(id: string): Promise<boolean>;`,
      `}`,
      ``,
      `export type ${pascal}Record${n} = Record<string, unknown> & { id: string };`,
    ],
  ];
}

export function generateUtility(rng, { target }) {
  return fileText(fillTo([], target, createBlockDrawer(rng, UTILITIES)));
}

export function generateTypes(rng, { entity, target }) {
  const lines = [`/* Types for the ${entity} domain. */`];
  return fileText(fillTo(lines, target, createBlockDrawer(rng, typeBlocks(entity))));
}

export function generateConfig(rng, { entity, target }) {
  const pascal = toPascal(entity);
  const lines = [
    `const env = (name: string, fallback: string): string => process.env[name] ?? fallback;`,
    ``,
    `export const ${entity}Config = {`,
    `  enabled: env('${entity.toUpperCase()}_ENABLED', 'true') === 'true',`,
    `  pageSize: Number(env('${entity.toUpperCase()}_PAGE_SIZE', '${rng.pick([10, 20, 50])}')),`,
    `  cacheTtlSeconds: ${rng.pick([30, 60, 300, 900])},`,
    `  endpoint: env('${entity.toUpperCase()}_ENDPOINT', 'https://api.example.com/${entity}'),`,
    `} as const;`,
    ``,
    `export type ${pascal}Config = typeof ${entity}Config;`,
  ];
  let index = 0;
  return fileText(
    fillTo(lines, target, () => {
      index += 1;
      const count = rng.int(3, 8);
      return [
        `export const ${entity.toUpperCase()}_PRESET_${index} = Object.freeze({`,
        ...Array.from({ length: count }, (_, key) => `  option${key + 1}: ${rng.chance(0.5) ? rng.int(1, 500) : `'${rng.pick(['compact', 'cozy', 'wide', 'auto', 'none'])}'`},`),
        `});`,
      ];
    }),
  );
}
