/** Every rule, in the order the docs list them: the single source for the plugin, presets, docs and CLI. */
import type { RuleDefinition } from '../src/analysis/rule-api.js';
import { noUnscopedRevalidate } from './no-unscoped-revalidate/index.js';
import { requireRevalidate } from './require-revalidate/index.js';
import { requireStream } from './require-stream/index.js';
import { requireSubscriptionCleanup } from './require-subscription-cleanup/index.js';
import { noUnknownRevalidateKey } from './no-unknown-revalidate-key/index.js';
import { revalidateBeforeResponse } from './revalidate-before-response/index.js';
import { noRevalidateInLoop } from './no-revalidate-in-loop/index.js';
import { requireStreamAuth } from './require-stream-auth/index.js';
import { noLeakedEventSource } from './no-leaked-event-source/index.js';
import { noPerRequestSubscription } from './no-per-request-subscription/index.js';
import { noUnregisteredChannel } from './no-unregistered-channel/index.js';
import { noMissingContextStore } from './no-missing-context-store/index.js';

export const allRules: readonly RuleDefinition<object>[] = [requireStream, requireRevalidate, noUnscopedRevalidate, requireSubscriptionCleanup, noUnknownRevalidateKey, revalidateBeforeResponse, noRevalidateInLoop, requireStreamAuth, noLeakedEventSource, noPerRequestSubscription, noUnregisteredChannel, noMissingContextStore];
