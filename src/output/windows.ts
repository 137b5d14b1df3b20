/**
 * Visibility windows as JSON or CSV text.
 * @module
 */
import { stringify } from 'csv-stringify/sync';
import type { EdgeConstraint, EdgeSource, ObserverModelName, WindowEdge } from '../observatory/observer.js';
import { formatInstant, MS_PER_DAY } from '../time/instant.js';
import { z } from 'zod';
import { parseArguments } from '../validation.js';
import type { VisibilityWindow } from '../visibility/windows.js';
import { VisibilityWindowSchema, VisibilityWindowsSchema } from '../visibility/window-schema.js';

const WindowArguments = z.object({ window: VisibilityWindowSchema });
const WindowsArguments = z.object({ windows: VisibilityWindowsSchema });

/** Days and degrees are written to this many decimals (0.0001 day = 9 s; 0.001 degree). */
const DAY_DECIMALS = 4;
const DEG_DECIMALS = 3;

/**
 * A window edge as it appears in JSON: what made it, the margin a plan keeps from it in days,
 * and, where an orientation constraint or the micrometeoroid avoidance zone cut the window,
 * which (`v3pa` or `maz`).
 */
export interface WindowEdgeJson {
  readonly model: EdgeSource;
  readonly marginDays: number;
  readonly constraint?: EdgeConstraint;
}

/** A window as it appears in JSON: ISO-8601 UTC instants. */
export interface VisibilityWindowJson {
  readonly target: string;
  readonly start: string;
  readonly end: string;
  readonly durationDays: number;
  /** The models that computed the window, in time order. */
  readonly observers: readonly ObserverModelName[];
  readonly startEdge: WindowEdgeJson;
  readonly endEdge: WindowEdgeJson;
  readonly v3pa: { readonly min: number; readonly max: number };
  /** Whether the window (a part of one) lies in the micrometeoroid avoidance zone; present where the zone is modelled. */
  readonly inMaz?: boolean;
}

const edgeJson = (edge: WindowEdge): WindowEdgeJson => ({
  model: edge.model,
  marginDays: round(edge.marginMs / MS_PER_DAY, DAY_DECIMALS),
  ...(edge.constraint === undefined ? {} : { constraint: edge.constraint }),
});

const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

/**
 * A window in its JSON shape.
 *
 * @example
 * ```ts
 * windowToJson(visibilityWindows('HD163466', cycleSpan(1))[0]!).start; // '2022-07-01T00:00:00Z'
 * ```
 */
export function windowToJson(window: VisibilityWindow): VisibilityWindowJson {
  parseArguments('windowToJson', WindowArguments, { window });
  return windowJson(window);
}

/** {@link windowToJson} of a checked window. */
function windowJson(window: VisibilityWindow): VisibilityWindowJson {
  return {
    target: window.target,
    start: formatInstant(window.startMs),
    end: formatInstant(window.endMs),
    durationDays: round(window.durationDays, DAY_DECIMALS),
    observers: [...window.observers],
    startEdge: edgeJson(window.startEdge),
    endEdge: edgeJson(window.endEdge),
    v3pa: { min: round(window.v3pa.minDeg, DEG_DECIMALS), max: round(window.v3pa.maxDeg, DEG_DECIMALS) },
    ...(window.inMaz === undefined ? {} : { inMaz: window.inMaz }),
  };
}

/**
 * Windows as a JSON array `[{ target, start, end, durationDays, observers, startEdge: { model,
 * marginDays, constraint? }, endEdge, v3pa: { min, max }, inMaz? }]`.
 *
 * @example
 * ```ts
 * windowsToJson(visibilityWindows('HD163466', cycleSpan(1)));
 * ```
 */
export function windowsToJson(windows: readonly VisibilityWindow[]): string {
  parseArguments('windowsToJson', WindowsArguments, { windows });
  return windowsJsonText(windows);
}

/** {@link windowsToJson} of windows the library made (the `windows` command's). */
export function windowsJsonText(windows: readonly VisibilityWindow[]): string {
  return `${JSON.stringify(windows.map(windowJson), null, 2)}\n`;
}

/**
 * Windows as CSV, one row a window:
 * `target,start,end,durationDays,observers,startEdge,startMarginDays,endEdge,endMarginDays,v3paMin,v3paMax,startCut,endCut,inMaz`
 * (`observers` joined by `+`; `startCut`/`endCut` say `v3pa` or `maz` where an orientation
 * constraint or the micrometeoroid avoidance zone cut the window, `maz-start` where the zone
 * starts being modelled; `inMaz` is `true` or `false` where the zone is modelled, empty where
 * it is not).
 *
 * @example
 * ```ts
 * windowsToCsv(visibilityWindows('HD163466', cycleSpan(1)));
 * ```
 */
export function windowsToCsv(windows: readonly VisibilityWindow[]): string {
  parseArguments('windowsToCsv', WindowsArguments, { windows });
  return windowsCsvText(windows);
}

/** {@link windowsToCsv} of windows the library made (the `windows` command's). */
export function windowsCsvText(windows: readonly VisibilityWindow[]): string {
  return stringify(
    windows.map((w) => {
      const json = windowJson(w);
      return [
        json.target,
        json.start,
        json.end,
        json.durationDays,
        json.observers.join('+'),
        json.startEdge.model,
        json.startEdge.marginDays,
        json.endEdge.model,
        json.endEdge.marginDays,
        json.v3pa.min,
        json.v3pa.max,
        json.startEdge.constraint ?? '',
        json.endEdge.constraint ?? '',
        json.inMaz === undefined ? '' : String(json.inMaz),
      ];
    }),
    {
      header: true,
      columns: [
        'target',
        'start',
        'end',
        'durationDays',
        'observers',
        'startEdge',
        'startMarginDays',
        'endEdge',
        'endMarginDays',
        'v3paMin',
        'v3paMax',
        'startCut',
        'endCut',
        'inMaz',
      ],
    },
  );
}
