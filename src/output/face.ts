/**
 * The checked face of the output functions: each one as the package exports it, its arguments
 * checked once, before any work, by the schema beside the function (see `checked`). The
 * library's own code calls the functions themselves.
 * @module
 */

import * as files from '../files.js';
import { checked } from '../validation.js';
import * as apt from './apt.js';
import * as calendar from './calendar.js';
import * as check from './check.js';
import * as csv from './csv.js';
import * as ics from './ics.js';
import * as json from './json.js';
import * as report from './report.js';
import * as slackTextModule from './slack-text.js';
import * as svg from './svg.js';
import * as windows from './windows.js';

/** @function */
export const writeFileAtomic = /* @__PURE__ */ checked('writeFileAtomic', files.WriteArguments, files.writeFileAtomic);
/** @function */
export const scheduleToApt = /* @__PURE__ */ checked('scheduleToApt', check.ScheduleArguments, apt.scheduleToApt);
/** @function */
export const scheduleToCalendarText = /* @__PURE__ */ checked(
  'scheduleToCalendarText',
  check.ScheduleArguments,
  calendar.scheduleToCalendarText,
);
/** @function */
export const scheduleToCsv = /* @__PURE__ */ checked('scheduleToCsv', check.ScheduleArguments, csv.scheduleToCsv);
/** @function */
export const icsSequence = /* @__PURE__ */ checked('icsSequence', ics.IcsSequenceArguments, ics.icsSequence);
/** @function */
export const visitUid = /* @__PURE__ */ checked('visitUid', ics.UidArguments, ics.visitUid);
/** @function */
export const scheduleToIcs = /* @__PURE__ */ checked('scheduleToIcs', check.ScheduleArguments, ics.scheduleToIcs);
/** @function */
export const scheduleToJson = /* @__PURE__ */ checked('scheduleToJson', json.ToJsonArguments, json.scheduleToJson);
/** @function */
export const scheduleFromJson = /* @__PURE__ */ checked('scheduleFromJson', json.FromJsonArguments, json.scheduleFromJson, {
  defaults: { source: 'schedule JSON' },
});
/** @function */
export const scheduleToHtml = /* @__PURE__ */ checked('scheduleToHtml', check.ScheduleArguments, report.scheduleToHtml);
/** @function */
export const slackText = /* @__PURE__ */ checked('slackText', slackTextModule.SlackArguments, slackTextModule.slackText);
/** @function */
export const scheduleToSvg = /* @__PURE__ */ checked('scheduleToSvg', check.ScheduleArguments, svg.scheduleToSvg);
/** @function */
export const windowToJson = /* @__PURE__ */ checked('windowToJson', windows.WindowArguments, windows.windowToJson);
/** @function */
export const windowsToJson = /* @__PURE__ */ checked('windowsToJson', windows.WindowsArguments, windows.windowsToJson, {
  defaults: { options: {} },
});
/** @function */
export const windowsToCsv = /* @__PURE__ */ checked('windowsToCsv', windows.WindowsArguments, windows.windowsToCsv, {
  defaults: { options: {} },
});
