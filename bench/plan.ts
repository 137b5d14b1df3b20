/**
 * A large valid plan for the benchmark: `n` visits of 3 minutes, one every 5 minutes through
 * Cycle 1 (100,000 fill 347 of its 365 days), on 100 targets each out of view for 60 days
 * somewhere in the year, four series a target, two cycles of the same table (the second
 * repeats the observation numbers), the first tenth executed (`done`, one in fifty `failed`).
 */
type Library = typeof import('../src/index.js');
type Schedule = import('../src/index.js').Schedule;
type ScheduledVisit = import('../src/index.js').ScheduledVisit;

const MINUTE = 60_000;
const DAY = 86_400_000;
const TARGETS = 100;

export function largePlan(lib: Library, n: number): Schedule {
  const span = lib.cycleSpan(1);
  // Target k is out of view for 60 days starting (k * 3) days into the cycle.
  const gap = (k: number) => ({ startMs: span.startMs + k * 3 * DAY, endMs: span.startMs + (k * 3 + 60) * DAY });
  const windows: Record<string, { startMs: number; endMs: number }[]> = {};
  for (let k = 0; k < TARGETS; k += 1) {
    const g = gap(k);
    windows[`star-${k}`] = [
      ...(g.startMs > span.startMs ? [{ startMs: span.startMs, endMs: g.startMs }] : []),
      { startMs: g.endMs, endMs: span.endMs },
    ];
  }
  const perTarget = new Array<number>(TARGETS).fill(0);
  const half = Math.ceil(n / 2);
  const visits: ScheduledVisit[] = [];
  for (let i = 0; i < n; i += 1) {
    const startMs = span.startMs + i * 5 * MINUTE;
    let k = i % TARGETS;
    while (startMs >= gap(k).startMs - 3 * MINUTE && startMs < gap(k).endMs) k = (k + 1) % TARGETS;
    const index = perTarget[k]!++;
    const template = ['NIRCam Imaging', 'NIRSpec Fixed Slit Spectroscopy', 'NIRISS Imaging', 'MIRI Imaging'][index % 4]!;
    const status = i < n / 10 ? (i % 50 === 0 ? 'failed' : 'done') : undefined;
    visits.push({
      observation: (i % half) + 1,
      cycle: i < half ? 1 : 2,
      ...(status ? { status } : {}),
      label: `visit ${i + 1}`,
      template,
      instrument: template.split(' ')[0]!,
      target: `star-${k}`,
      series: `star-${k} / ${template}`,
      epoch: Math.floor(index / 4) + 1,
      startMs,
      endMs: startMs + 3 * MINUTE,
      window: windows[`star-${k}`]!.find((w) => w.startMs <= startMs && startMs < w.endMs)!,
    });
  }
  return { program: { id: 'bench', title: 'A large plan' }, span, mode: 'spread', visits, unscheduled: [], windows };
}
