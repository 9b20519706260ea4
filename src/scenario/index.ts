// Public API of src/scenario: scripted hot-plug runs of a machine with a guest on it
// (`cpuhp scenario FILE.json`). schema.ts validates a file, runner.ts runs it,
// printer.ts turns the timeline into text.
export { ScenarioFileError, parseScenario, validateScenario, SCENARIO_LIMITS, type Scenario, type Step, type Expectation, type ScenarioGuest } from './schema.ts';
export { runScenario, describeStep, type ScenarioResult } from './runner.ts';
export { formatEntry, formatSummary, type PrintDetail } from './printer.ts';
export { Session, ScenarioError, type TimelineEntry, type Counters } from './session.ts';
