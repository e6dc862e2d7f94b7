#!/usr/bin/env node
// Thin launcher: cache compiled modules where Node supports it, then hand over to the CLI.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/src/cli/main.js');
