// The console: a live web page on a running VM (slot grid, sequence diagram of
// every hot-plug step, plug/unplug buttons and a QMP box), and the same page as a
// self-contained report of a scenario.
export { ConsoleServer, parseConsoleAddress, type ConsoleEndpoint, MAX_GROUPS, MAX_PAGES, PAGE_OUTPUT_MAX_BYTES, STEPS_PER_MESSAGE } from './server.ts';
export { ScenarioReport } from './report.ts';
export { readPageBundle, pageHtml, PAGE_BUNDLE } from './page-html.ts';
export { CATCH_UP_STEPS } from './step-log.ts';
export { RESCAN_STEP_LIMIT, StepRecorder, slotOfPath } from './recorder.ts';
export * from './protocol.ts';
