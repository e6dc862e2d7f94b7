import type { RealtimeMap } from './realtime-map.js';
export function renderHtml(map: RealtimeMap): string { return JSON.stringify(map); }
