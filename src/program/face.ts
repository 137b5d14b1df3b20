/**
 * The checked face of the program functions: each one as the package exports it, its arguments
 * checked once, before any work, by the schema beside the function (see `checked`). The
 * library's own code calls the functions themselves.
 * @module
 */
import { checked } from '../validation.js';
import * as builtin from './builtin.js';
import * as parse from './parse.js';
import * as program from './program.js';
import * as published from './published.js';
import * as structure from './structure.js';
import * as templates from './templates.js';

/** @function */
export const loadBuiltInProgram = /* @__PURE__ */ checked('loadBuiltInProgram', builtin.LoadArguments, builtin.loadBuiltInProgram, {
  defaults: { options: {} },
});
/** @function */
export const formatVisitId = /* @__PURE__ */ checked('formatVisitId', program.VisitIdArguments, program.formatVisitId);
/** @function */
export const readScheduleReports = /* @__PURE__ */ checked('readScheduleReports', published.ReportArguments, published.readScheduleReports);
/** @function */
export const readPublishedSchedule = /* @__PURE__ */ checked(
  'readPublishedSchedule',
  published.ScheduleArguments,
  published.readPublishedSchedule,
);
/** @function */
export const seriesId = /* @__PURE__ */ checked('seriesId', structure.SeriesIdArguments, structure.seriesId);
/** @function */
export const programStructure = /* @__PURE__ */ checked('programStructure', structure.StructureArguments, structure.programStructure, {
  defaults: { plan: {} },
});
/** @function */
export const templateDurationMs = /* @__PURE__ */ checked(
  'templateDurationMs',
  templates.TemplateDurationArguments,
  templates.templateDurationMs,
  { defaults: { overrides: {} } },
);
/** @function */
export const blockDurationMs = /* @__PURE__ */ checked('blockDurationMs', templates.BlockArguments, templates.blockDurationMs);
/** @function */
export const parseProgram = /* @__PURE__ */ checked('parseProgram', parse.ParseArguments, parse.parseProgram, {
  defaults: { options: {} },
});
