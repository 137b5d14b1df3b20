/**
 * A small schedule written by hand for the output tests: two targets, a few windows, ten
 * visits in six epochs, one unscheduled visit. Every instant is stated here as text, so
 * expected values in the tests come from these dates, not from the code under test.
 *
 * BD+60-1753 is visible 2022-07-01..2022-10-20 and 2023-01-15..2023-07-01;
 * HD163466   is visible 2022-09-01..2022-11-01 and 2023-01-20..2023-07-01.
 *
 * Epochs (first visit start):
 *   BD+60-1753 1: 2022-07-14T03:00Z (obs 1, 2, 3)
 *   BD+60-1753 2: 2022-08-13T03:00Z (obs 6, 7, 9)   30 days later, visible throughout
 *   BD+60-1753 3: 2023-01-20T10:00Z (obs 11)        forced: invisible 2022-10-20..2023-01-15
 *   HD163466   1: 2022-09-05T00:00Z (obs 63)
 *   HD163466   2: 2022-10-05T12:00Z (obs 65)        30.5 days later, visible throughout
 *   HD163466   3: 2023-02-01T06:00Z (obs 67)        forced: invisible 2022-11-01..2023-01-20
 * Unscheduled: obs 12 (BD+60-1753, epoch 3).
 */
import type { Schedule, ScheduledVisit, TimeInterval } from '../../src/cadence/schedule.js';

/** Epoch ms of an ISO text with Z, by the platform's parser (not the library's). */
export const t = (iso: string): number => {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`fixture: bad date ${iso}`);
  return ms;
};

const interval = (start: string, end: string): TimeInterval => ({ startMs: t(start), endMs: t(end) });

export const BD = 'BD+60-1753';
export const HD = 'HD163466';

export const BD_WINDOWS = [interval('2022-07-01T00:00Z', '2022-10-20T00:00Z'), interval('2023-01-15T00:00Z', '2023-07-01T00:00Z')];
export const HD_WINDOWS = [interval('2022-09-01T00:00Z', '2022-11-01T00:00Z'), interval('2023-01-20T00:00Z', '2023-07-01T00:00Z')];

function visit(
  observation: number,
  label: string,
  template: string,
  instrument: string,
  target: string,
  epoch: number,
  start: string,
  end: string,
  window: TimeInterval,
): ScheduledVisit {
  return {
    observation,
    label,
    template,
    instrument,
    target,
    series: `${target} / ${template}`,
    epoch,
    startMs: t(start),
    endMs: t(end),
    window,
  };
}

export const fixture: Schedule = {
  program: { id: '1539', title: 'CAL-FLUX-004  Absolute Flux Calibration (Repeatability)' },
  span: interval('2022-07-01T00:00Z', '2023-07-01T00:00Z'),
  mode: 'spread',
  visits: [
    visit(1, 'NIRCam Module A', 'NIRCam Engineering Imaging', 'NIRCam', BD, 1, '2022-07-14T03:00Z', '2022-07-14T04:30Z', BD_WINDOWS[0]!),
    visit(2, 'NIRCam Module B', 'NIRCam Imaging', 'NIRCam', BD, 1, '2022-07-14T04:30Z', '2022-07-14T06:00Z', BD_WINDOWS[0]!),
    visit(3, 'NIRSpec', 'NIRSpec Fixed Slit Spectroscopy', 'NIRSpec', BD, 1, '2022-07-14T06:00Z', '2022-07-14T08:00Z', BD_WINDOWS[0]!),
    visit(6, 'NIRCam Module A', 'NIRCam Engineering Imaging', 'NIRCam', BD, 2, '2022-08-13T03:00Z', '2022-08-13T04:30Z', BD_WINDOWS[0]!),
    visit(7, 'NIRCam "Module B", short', 'NIRCam Imaging', 'NIRCam', BD, 2, '2022-08-13T04:30Z', '2022-08-13T06:00Z', BD_WINDOWS[0]!),
    visit(
      9,
      'NIRISS SOSS',
      'NIRISS Single-Object Slitless Spectroscopy',
      'NIRISS',
      BD,
      2,
      '2022-08-13T06:00Z',
      '2022-08-13T07:00Z',
      BD_WINDOWS[0]!,
    ),
    visit(63, 'MIRI MRS 1', 'MIRI Medium Resolution Spectroscopy', 'MIRI', HD, 1, '2022-09-05T00:00Z', '2022-09-05T02:00Z', HD_WINDOWS[0]!),
    visit(65, 'MIRI MRS 2', 'MIRI Medium Resolution Spectroscopy', 'MIRI', HD, 2, '2022-10-05T12:00Z', '2022-10-05T14:00Z', HD_WINDOWS[0]!),
    visit(11, 'NIRCam Module A', 'NIRCam Engineering Imaging', 'NIRCam', BD, 3, '2023-01-20T10:00Z', '2023-01-20T11:30Z', BD_WINDOWS[1]!),
    visit(67, 'MIRI MRS 5', 'MIRI Medium Resolution Spectroscopy', 'MIRI', HD, 3, '2023-02-01T06:00Z', '2023-02-01T08:00Z', HD_WINDOWS[1]!),
  ],
  unscheduled: [
    {
      observation: 12,
      label: 'NIRCam Module B',
      target: BD,
      series: `${BD} / NIRCam Imaging`,
      epoch: 3,
      reason: 'no visible time within 10 days of the cadence date 2022-11-12',
    },
  ],
  windows: { [BD]: BD_WINDOWS, [HD]: HD_WINDOWS },
};
