// What a fuzz suite reports: how many inputs it tried, what happened to them, and
// the findings (each a reproducible description: suite, seed, input number).

export interface FuzzReport {
  readonly suite: string;
  readonly seed: number;
  readonly inputs: number;
  /** Outcomes by kind (e.g. 'refused: bad-checksum': 41234), to see the fuzz reached what it should. */
  readonly outcomes: ReadonlyMap<string, number>;
  /** Crashes, hangs and inconsistent states: empty when all is well. */
  readonly findings: readonly string[];
  readonly ms: number;
}

/** Counts outcomes and keeps at most `maxFindings` findings (the rest are counted). */
export class FuzzTally {
  readonly outcomes = new Map<string, number>();
  readonly findings: string[] = [];
  inputs = 0;
  private extraFindings = 0;
  private readonly t0 = performance.now();

  constructor(
    readonly suite: string,
    readonly seed: number,
    private readonly maxFindings = 20,
  ) {}

  count(outcome: string): void {
    this.inputs++;
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  find(what: string): void {
    if (this.findings.length < this.maxFindings) this.findings.push(what);
    else this.extraFindings++;
  }

  report(): FuzzReport {
    const findings = this.extraFindings > 0 ? [...this.findings, `... and ${this.extraFindings} more`] : this.findings;
    return { suite: this.suite, seed: this.seed, inputs: this.inputs, outcomes: this.outcomes, findings, ms: performance.now() - this.t0 };
  }
}

/** One line for the test log: "fuzz <suite> (seed S): N inputs in T s, K findings; outcomes ...". */
export function formatReport(r: FuzzReport): string {
  const outcomes = [...r.outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  return `fuzz ${r.suite} (seed ${r.seed}): ${r.inputs} inputs in ${(r.ms / 1000).toFixed(1)} s, ${r.findings.length} findings; ${outcomes}`;
}
