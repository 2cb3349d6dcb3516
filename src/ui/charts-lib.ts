// The charting library, in one place: Vega-Lite specs compiled to Vega and rendered to SVG
// strings on the server side (no browser, no canvas). Loaded only by `spm report --html`: the
// build bundles this module with vega and vega-lite into dist/charts.cjs (see
// scripts/build.mjs), so the text report never reads them.
export { logger, parse, View, Error as LOG_ERROR } from 'vega';
export { compile } from 'vega-lite';
