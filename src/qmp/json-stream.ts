/**
 * Splits a character stream into top-level JSON texts the way QEMU's JSON
 * streamer does: it tracks nesting and strings, so messages need no newline
 * between them and may arrive in any chunks. A text that grows past `maxChars`
 * is reported once and discarded up to its end, and splitting carries on.
 */
export class JsonStream {
  private buf = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private discarding = false;

  constructor(
    private readonly maxChars: number,
    private readonly onText: (text: string) => void,
    private readonly onOverflow: () => void,
  ) {}

  push(chunk: string): void {
    for (const ch of chunk) this.step(ch);
  }

  private step(ch: string): void {
    if (!this.discarding) this.buf += ch;
    let ended = false;
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (ch === '\\') this.escaped = true;
      else if (ch === '"') {
        this.inString = false;
        ended = this.depth === 0;
      }
    } else if (ch === '"') {
      this.inString = true;
    } else if (ch === '{' || ch === '[') {
      this.depth++;
    } else if (ch === '}' || ch === ']') {
      this.depth = Math.max(0, this.depth - 1);
      ended = this.depth === 0;
    } else if (this.depth === 0 && /\s/.test(ch)) {
      // Whitespace at top level ends a bare scalar ("1", "true", junk).
      ended = true;
    }
    if (!this.discarding && this.buf.length > this.maxChars) {
      this.discarding = true;
      this.buf = '';
      this.onOverflow();
    }
    if (ended) {
      const text = this.buf.trim();
      this.buf = '';
      if (this.discarding) this.discarding = false;
      else if (text !== '') this.onText(text);
    }
  }
}
