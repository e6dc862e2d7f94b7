/** `--format json`: the map as it is built (src/map/realtime-map.ts documents each field), one object. */
import type { RealtimeMap } from './realtime-map.js';

export function renderJson(map: RealtimeMap): string {
  return `${JSON.stringify(map, null, 2)}\n`;
}
