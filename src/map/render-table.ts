import type { RealtimeMap } from './realtime-map.js';
export function renderTable(map: RealtimeMap, _options: { color: boolean }): string { return JSON.stringify(map); }
