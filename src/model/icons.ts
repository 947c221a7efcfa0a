/**
 * The drawing of each kind's icon, one SVG path in a 24 × 24 box, stroked: the canvas (ui/icons.tsx) and the
 * exported picture (generate/svg.ts) draw the same icons from here.
 */
import type { IconName } from './kinds.ts';

export const ICON_PATHS: Record<IconName, string> = {
  // A gate, two posts and a bar: gateways.
  gate: 'M4 20V6m16 14V6M4 9h16M8 9v11m8-11v11',
  // A window with panels: control planes.
  dashboard: 'M3 5h18v14H3zM3 9h18M9 9v10',
  // An arc and a needle: traffic managers.
  gauge: 'M4 16a8 8 0 1 1 16 0M12 16l4-5',
  // A key: Key Managers.
  key: 'M14.5 9.5a4.5 4.5 0 1 1-9 0 4.5 4.5 0 0 1 9 0zM13.2 12.7L20 19.5M17 16.5l2-2M15 14.5l2-2',
  // Four squares in one frame: the All-in-One, every component in one server.
  'all-in-one': 'M3 3h18v18H3zM6 6h5v5H6zm7 0h5v5h-5zM6 13h5v5H6zm7 0h5v5h-5z',
  // One in, several out: load balancers.
  'fan-out': 'M12 3v6m0 0L5 15m7-6l7 6m-7-6v6M5 15v3m7-3v3m7-3v3',
  // A cylinder: databases.
  cylinder: 'M5 6c0-1.7 3.1-3 7-3s7 1.3 7 3-3.1 3-7 3-7-1.3-7-3zm0 0v12c0 1.7 3.1 3 7 3s7-1.3 7-3V6M5 12c0 1.7 3.1 3 7 3s7-1.3 7-3',
  // Stacked boxes with tally marks: the Redis store of shared throttle counters.
  counter: 'M4 4h16v7H4zM4 13h16v7H4zM8 6.5v2m3-2v2m3-2v2M8 15.5v2m3-2v2',
  // An identity badge, a head and shoulders on a card: WSO2 Identity Server.
  badge: 'M3 5h18v14H3zM9 11.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM5.5 16.5c.5-2 2-3 3.5-3s3 1 3.5 3M14 9h4m-4 3h4m-4 3h3',
};
