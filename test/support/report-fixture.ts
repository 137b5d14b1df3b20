/**
 * The hand-made output fixture with every optional field of the schedule record filled: V3PA
 * and slack on some visits (not all), an orientation and time in the micrometeoroid avoidance
 * zone on one, the zone's summary, statuses and cycles, a period cadence with missed ideal
 * dates, notes, and odd characters in names. Every value is written here as text.
 */
import type { Schedule } from '../../src/cadence/schedule.js';
import { BD, fixture, HD, t } from './output-fixture.js';

/** V3PA of the first visit, degrees: nominal and the reachable range (through 360). */
export const FIRST_V3PA = { nominalDeg: 123.4, minDeg: 118.4, maxDeg: 128.4 } as const;
/** Slack of the first visit: 2 days earlier to 3.5 days later than its start (2022-07-14T03:00Z). */
export const FIRST_SLACK = { earliestMs: t('2022-07-12T03:00Z'), latestMs: t('2022-07-17T15:00Z') } as const;

export const fullFixture: Schedule = {
  ...fixture,
  mode: 'period',
  visits: fixture.visits.map((visit, index) =>
    index === 0
      ? { ...visit, cycle: 1, status: 'done', v3pa: FIRST_V3PA, slack: FIRST_SLACK }
      : index === 1
        ? {
            ...visit,
            cycle: 1,
            status: 'failed',
            v3pa: { nominalDeg: 355.5, minDeg: 350.5, maxDeg: 0.5 },
            // An orientation asked as NIRCam's aperture PA (offset 0), and an hour in the zone.
            orientation: {
              v3pa: { minDeg: 345, maxDeg: 5 },
              aperturePa: { minDeg: 345, maxDeg: 5, offsetDeg: 0, offsetSource: 'NIRCam' },
              origin: 'asked',
            },
            mazMs: 3_600_000,
          }
        : { ...visit, cycle: 1 },
  ),
  maz: {
    halfAngleDeg: 75,
    fromMs: t('2022-07-01T00:00Z'),
    observingMs: 16 * 3_600_000,
    inMazMs: 3_600_000,
    policy: 'MAZ time used only by BD+60-1753, for the epochs that could not be placed otherwise; every other epoch kept outside the MAZ',
  },
  unscheduled: [
    ...fixture.unscheduled,
    {
      observation: 70,
      cycle: 1,
      label: 'MIRI MRS <6>',
      target: HD,
      series: `${HD} / MIRI Medium Resolution Spectroscopy`,
      epoch: 4,
      reason:
        'no visible time within 7 days of the ideal date 2022-12-05: HD163466 is out of view from 2022-11-01 to 2023-01-20, and the next room after it went to BD+60-1753 epoch 3 & its background',
    },
  ],
  missedDates: [
    {
      target: HD,
      idealMs: t('2022-12-05T00:00Z'),
      reason: 'HD163466 is out of view from 2022-11-01 to 2023-01-20',
      nearestStartMs: t('2023-01-20T00:00Z'),
    },
    { target: BD, idealMs: t('2022-11-12T00:00Z'), reason: 'BD+60-1753 is out of view from 2022-10-20 to 2023-01-15' },
  ],
  notes: ['observation 1 (fixed at 2022-07-14T03:00:00Z) lies <inside> its window & "quoted"'],
  marginMs: 3 * 86_400_000,
  gridMs: 3_600_000,
};
