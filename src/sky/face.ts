/**
 * The checked face of the sky functions: each one as the package exports it, its arguments
 * checked once, before any work, by the schema beside the function (see `checked`). The
 * library's own code calls the functions themselves.
 * @module
 */
import { checked } from '../validation.js';
import * as angleRange from './angle-range.js';
import * as catalog from './catalog.js';
import * as target from './target.js';
import * as targetFile from './target-file.js';

/** @function */
export const normalizeAngleRange = /* @__PURE__ */ checked(
  'normalizeAngleRange',
  angleRange.NormalizeAngleRangeArguments,
  angleRange.normalizeAngleRange,
);
/** @function */
export const angleRangeWidthDeg = /* @__PURE__ */ checked('angleRangeWidthDeg', angleRange.RangeArgument, angleRange.angleRangeWidthDeg);
/** @function */
export const angleRangeCentreDeg = /* @__PURE__ */ checked('angleRangeCentreDeg', angleRange.RangeArgument, angleRange.angleRangeCentreDeg);
/** @function */
export const angleDifferenceDeg = /* @__PURE__ */ checked(
  'angleDifferenceDeg',
  angleRange.AngleDifferenceDegArguments,
  angleRange.angleDifferenceDeg,
);
/** @function */
export const angleRangeContains = /* @__PURE__ */ checked(
  'angleRangeContains',
  angleRange.ContainsArguments,
  angleRange.angleRangeContains,
  { defaults: { toleranceDeg: 0 } },
);
/** @function */
export const intersectAngleRanges = /* @__PURE__ */ checked('intersectAngleRanges', angleRange.TwoRanges, angleRange.intersectAngleRanges);
/** @function */
export const angleRangeIntersections = /* @__PURE__ */ checked(
  'angleRangeIntersections',
  angleRange.TwoRanges,
  angleRange.angleRangeIntersections,
);
/** @function */
export const commonAngleRange = /* @__PURE__ */ checked('commonAngleRange', angleRange.RangeList, angleRange.commonAngleRange);
/** @function */
export const mostSharedAngleRange = /* @__PURE__ */ checked('mostSharedAngleRange', angleRange.RangeList, angleRange.mostSharedAngleRange);
/** @function */
export const parseAngleRangeText = /* @__PURE__ */ checked(
  'parseAngleRangeText',
  angleRange.ParseAngleRangeTextArguments,
  angleRange.parseAngleRangeText,
);
/** @function */
export const formatAngleRange = /* @__PURE__ */ checked('formatAngleRange', angleRange.FormatArguments, angleRange.formatAngleRange, {
  defaults: { decimals: 2 },
});
/** @function */
export const findTarget = /* @__PURE__ */ checked('findTarget', catalog.FindTargetArguments, catalog.findTarget, {
  defaults: { catalog: catalog.BUILT_IN_TARGETS },
});
/** @function */
export const parseTargetsText = /* @__PURE__ */ checked('parseTargetsText', targetFile.TextArguments, targetFile.parseTargetsText, {
  defaults: { source: 'targets' },
});
/** @function */
export const positionAtDeg = /* @__PURE__ */ checked('positionAtDeg', target.TargetAtArguments, target.positionAtDeg);
/** @function */
export const unitVectorFromDeg = /* @__PURE__ */ checked('unitVectorFromDeg', target.DirectionArguments, target.unitVectorFromDeg);
/** @function */
export const targetUnitVector = /* @__PURE__ */ checked('targetUnitVector', target.TargetAtArguments, target.targetUnitVector);
