/**
 * The argument every renderer checks first: the schedule record (see `ScheduleRecordSchema`), so
 * that no output ever holds `NaN` or an impossible interval. Each renderer then checks its
 * options, whose unknown fields are refused, so no default is taken in place of a mistyped one.
 * @module
 */
import { z } from 'zod';
import { ScheduleRecordSchema } from '../cadence/schedule-schema.js';

/** A renderer that takes a schedule alone. */
export const ScheduleArguments = z.object({ schedule: ScheduleRecordSchema });
