import type { Linter } from 'eslint';

export function typescriptOverlay(repoRoot: string, alias?: string): string;
export function parserOnTypeScript(repoRoot: string, alias?: string): { parser: Linter.Parser; typescriptVersion: string };
export function redirectToOverlay(overlay: string): void;
