/**
 * Visibility windows as JSON or CSV text.
 * @module
 */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { EdgeConstraint, EdgeSource, ObserverModelName, WindowEdge } from '../observatory/observer.js';
import { formatInstant, MS_PER_DAY } from '../time/instant.js';
import { VisibilityWindowSchema, VisibilityWindowsSchema } from '../visibility/window-schema.js';
import type { VisibilityWindow } from '../visibility/windows.js';
import { DAY_DECIMALS, round, roundDegrees } from './precision.js';

export const WindowArguments = z.object({ window: VisibilityWindowSchema });
export const WindowsArguments = z.object({
  windows: VisibilityWindowsSchema,
  options: z
    .object({ targets: z.array(z.string().min(1, 'must not be empty')).optional() })
    .strict()
    .optional(),
});

/** Options of {@link windowsToJson} and {@link windowsToCsv}. */
export interface WindowsTextOptions {
  /**
   * The targets that were asked for, in order: each gets its windows in this order, and one
   * that has none gets an entry saying so (`{ "target", "windows": 0 }` in JSON, a row with
   * `durationDays` 0 and no instants in CSV), so that "never visible" reads apart from "not
   * asked". Windows of targets not named follow, as given.
   */
  readonly targets?: readonly string[];
}

/** A target asked for that has no window in the span, as it appears in JSON. */
export interface TargetWithoutWindowsJson {
  readonly target: string;
  readonly windows: 0;
}

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

/**
 * A window in its JSON shape.
 *
 * @example
 * ```ts
 * windowToJson(visibilityWindows('HD163466', cycleSpan(1))[0]!).start; // '2022-07-01T00:00:00Z'
 * ```
 */
export function windowToJson(window: VisibilityWindow): VisibilityWindowJson {
  return {
    target: window.target,
    start: formatInstant(window.startMs),
    end: formatInstant(window.endMs),
    durationDays: round(window.durationDays, DAY_DECIMALS),
    observers: [...window.observers],
    startEdge: edgeJson(window.startEdge),
    endEdge: edgeJson(window.endEdge),
    v3pa: { min: roundDegrees(window.v3pa.minDeg), max: roundDegrees(window.v3pa.maxDeg) },
    ...(window.inMaz === undefined ? {} : { inMaz: window.inMaz }),
  };
}

/**
 * Windows as a JSON array `[{ target, start, end, durationDays, observers, startEdge: { model,
 * marginDays, constraint? }, endEdge, v3pa: { min, max }, inMaz? }]`, and with
 * `options.targets`, `{ target, windows: 0 }` for each target named that has no window.
 *
 * @example
 * ```ts
 * windowsToJson(visibilityWindows('HD163466', cycleSpan(1)));
 * windowsToJson([], { targets: ['HD163466'] }); // '[{ "target": "HD163466", "windows": 0 }]'
 * ```
 */
export function windowsToJson(windows: readonly VisibilityWindow[], options: WindowsTextOptions = {}): string {
  return windowsJsonText(windows, options.targets);
}

/** The windows in the order of `targets`, a target's name standing where it has none. */
function byTarget(windows: readonly VisibilityWindow[], targets: readonly string[] | undefined): Array<VisibilityWindow | string> {
  if (targets === undefined) return [...windows];
  const named = new Set(targets);
  const out: Array<VisibilityWindow | string> = [];
  for (const target of [...new Set(targets)]) {
    const own = windows.filter((window) => window.target === target);
    if (own.length === 0) out.push(target);
    else out.push(...own);
  }
  out.push(...windows.filter((window) => !named.has(window.target)));
  return out;
}

/** {@link windowsToJson} of windows the library made (the `windows` command's). */
export function windowsJsonText(windows: readonly VisibilityWindow[], targets?: readonly string[]): string {
  const entries = byTarget(windows, targets).map((entry): VisibilityWindowJson | TargetWithoutWindowsJson =>
    typeof entry === 'string' ? { target: entry, windows: 0 } : windowToJson(entry),
  );
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/**
 * Windows as CSV, one row a window:
 * `target,start,end,durationDays,observers,startEdge,startMarginDays,endEdge,endMarginDays,v3paMin,v3paMax,startCut,endCut,inMaz`
 * (`observers` joined by `+`; `startCut`/`endCut` say `v3pa` or `maz` where an orientation
 * constraint or the micrometeoroid avoidance zone cut the window, `maz-start` where the zone
 * starts being modelled; `inMaz` is `true` or `false` where the zone is modelled, empty where
 * it is not). With `options.targets`, a target named that has no window gets a row of its
 * name, `durationDays` 0 and every other column empty.
 *
 * @example
 * ```ts
 * windowsToCsv(visibilityWindows('HD163466', cycleSpan(1)));
 * ```
 */
export function windowsToCsv(windows: readonly VisibilityWindow[], options: WindowsTextOptions = {}): string {
  return windowsCsvText(windows, options.targets);
}

/** {@link windowsToCsv} of windows the library made (the `windows` command's). */
export function windowsCsvText(windows: readonly VisibilityWindow[], targets?: readonly string[]): string {
  return stringify(
    byTarget(windows, targets).map((w) => {
      if (typeof w === 'string') return [w, '', '', 0, '', '', '', '', '', '', '', '', '', ''];
      const json = windowToJson(w);
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
