import type { RealtimeMap } from './realtime-map.js';
export function renderMermaid(map: RealtimeMap): string { return JSON.stringify(map); }
