// QEMU's JSON message parser, as QMP uses it (qobject/json-lexer.c,
// json-streamer.c and json-parser.c of QEMU 7.2), so that cpuhp splits a byte
// stream into messages where QEMU does and answers bad input with QEMU's words.
// The QMP differential (test/peers/qmp-differential.test.ts) showed why
// JSON.parse was not enough: QEMU accepts 'single-quoted' strings (a client's
// {'execute':'query-status'} works), reports "invalid keyword 'tru'", "expecting
// value", "stray '@'", "duplicate key", and after a lexical error skips to the
// next structural or control character. A message is parsed as soon as its
// braces and brackets balance (or go negative), with no newline needed.
//
// Differences kept on purpose: integers beyond 2^53 lose precision (JS numbers),
// and a message longer than `maxBytes` (far below QEMU's 64 MiB) is refused
// with one error and skipped to its end, where QEMU would split the rest of it
// into further messages.
//
// Cost is linear in the input whatever it holds: a token is kept in one growable
// byte buffer, and a number too long for a 64-bit integer goes straight to the
// double conversion (as QEMU's does after qemu_strtoi64/strtou64 fail) instead of
// through BigInt, whose decimal parse is quadratic.

/** QEMU's MAX_NESTING and MAX_TOKEN_COUNT (json-streamer.c). */
const MAX_NESTING = 1024;
const MAX_TOKEN_COUNT = 2 << 20;

const enum S {
  Recovery,
  Dq,
  DqEscape,
  Sq,
  SqEscape,
  Zero,
  ExpDigits,
  ExpSign,
  ExpE,
  Mantissa,
  MantissaDigits,
  Digits,
  Sign,
  Keyword,
  Start,
}

const enum T {
  Error = 100,
  LCurly,
  RCurly,
  LSquare,
  RSquare,
  Colon,
  Comma,
  Integer,
  Float,
  KeywordTok,
  String,
}

/** A transition: the next state or token type, and whether the byte is left for the next state. */
type Step = readonly [to: S | T, lookahead: boolean];
const go = (to: S | T): Step => [to, false];
const ahead = (to: S | T): Step => [to, true];

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
const STRUCTURAL: Readonly<Record<number, T>> = { 0x7b: T.LCurly, 0x7d: T.RCurly, 0x5b: T.LSquare, 0x5d: T.RSquare, 0x3a: T.Colon, 0x2c: T.Comma };

/** json_lexer[state][byte], written out as code. */
function transition(state: S, c: number): Step {
  switch (state) {
    case S.Recovery:
      // Skip to a structural character, a control character other than tab, or 0xFE/0xFF.
      if ((c < 0x20 && c !== 0x09) || c >= 0xfe || STRUCTURAL[c] !== undefined) return ahead(S.Start);
      return go(S.Recovery);
    case S.Dq:
    case S.Sq: {
      const quote = state === S.Dq ? 0x22 : 0x27;
      if (c === quote) return go(T.String);
      if (c === 0x5c) return go(state === S.Dq ? S.DqEscape : S.SqEscape);
      return c >= 0x20 && c <= 0xfd ? go(state) : go(T.Error);
    }
    case S.DqEscape:
      return c >= 0x20 && c <= 0xfd ? go(S.Dq) : go(T.Error);
    case S.SqEscape:
      return c >= 0x20 && c <= 0xfd ? go(S.Sq) : go(T.Error);
    case S.Zero:
      if (isDigit(c)) return go(T.Error);
      return c === 0x2e ? go(S.Mantissa) : ahead(T.Integer);
    case S.ExpDigits:
      return isDigit(c) ? go(S.ExpDigits) : ahead(T.Float);
    case S.ExpSign:
      return isDigit(c) ? go(S.ExpDigits) : go(T.Error);
    case S.ExpE:
      if (c === 0x2b || c === 0x2d) return go(S.ExpSign);
      return isDigit(c) ? go(S.ExpDigits) : go(T.Error);
    case S.Mantissa:
      return isDigit(c) ? go(S.MantissaDigits) : go(T.Error);
    case S.MantissaDigits:
      if (isDigit(c)) return go(S.MantissaDigits);
      return c === 0x65 || c === 0x45 ? go(S.ExpE) : ahead(T.Float);
    case S.Digits:
      if (isDigit(c)) return go(S.Digits);
      if (c === 0x65 || c === 0x45) return go(S.ExpE);
      return c === 0x2e ? go(S.Mantissa) : ahead(T.Integer);
    case S.Sign:
      if (c === 0x30) return go(S.Zero);
      return isDigit(c) ? go(S.Digits) : go(T.Error);
    case S.Keyword:
      return isLower(c) ? go(S.Keyword) : ahead(T.KeywordTok);
    case S.Start: {
      const structural = STRUCTURAL[c];
      if (structural !== undefined) return go(structural);
      if (c === 0x22) return go(S.Dq);
      if (c === 0x27) return go(S.Sq);
      if (c === 0x30) return go(S.Zero);
      if (isDigit(c)) return go(S.Digits);
      if (c === 0x2d) return go(S.Sign);
      if (isLower(c)) return go(S.Keyword);
      if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) return go(S.Start);
      return go(T.Error);
    }
  }
}

/** The whole table, computed once: TABLE[state * 256 + byte] = target | 0x100 when lookahead. */
const TABLE = Uint16Array.from({ length: (S.Start + 1) * 256 }, (_, i) => {
  const [to, lookahead] = transition(Math.floor(i / 256) as S, i % 256);
  return to | (lookahead ? 0x100 : 0);
});

interface Token {
  readonly type: T;
  readonly text: Uint8Array;
}

/** The bytes of the token being lexed: one buffer, doubled as needed (at most maxBytes + 1 long). */
class TokenBuffer {
  private bytes = new Uint8Array(256);
  length = 0;
  push(c: number): void {
    if (this.length === this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    this.bytes[this.length++] = c;
  }
  /** A copy of the token's bytes; the buffer is empty afterwards. */
  take(): Uint8Array {
    const out = this.bytes.slice(0, this.length);
    this.length = 0;
    return out;
  }
  clear(): void {
    this.length = 0;
  }
}

/** What a parse produced: a value, or QEMU's error text ("JSON parse error, ..."). */
export type ParseResult = { readonly value: unknown } | { readonly error: string };

/**
 * Feeds bytes (or text, taken as UTF-8) and calls `emit` once per message or
 * error, in order, exactly where QEMU's QMP monitor would.
 */
export class QemuJsonParser {
  private state: S = S.Start;
  private readonly token = new TokenBuffer();
  private tokens: Token[] = [];
  private tokenSize = 0;
  private braces = 0;
  private brackets = 0;
  /** Set after an oversized message: its tokens are counted but not kept, up to its end. */
  private discarding = false;

  constructor(
    private readonly emit: (r: ParseResult) => void,
    private readonly maxBytes: number,
    private readonly overflowMessage: string,
  ) {}

  push(chunk: Uint8Array | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.feedUntil(bytes, 0, Infinity);
  }

  /**
   * Lexes bytes[start..] until `maxResults` messages or errors have been emitted
   * (the byte that completed the last one included) or the bytes run out, and
   * returns where it stopped: callers bound the work one call does.
   */
  feedUntil(bytes: Uint8Array, start: number, maxResults: number): number {
    this.emitted = 0;
    let i = start;
    while (i < bytes.length && this.emitted < maxResults) this.feed(bytes[i++]!);
    return i;
  }

  /** Results emitted by the current feedUntil call. */
  private emitted = 0;

  private send(r: ParseResult): void {
    this.emitted++;
    this.emit(r);
  }

  /** json_lexer_feed_char. */
  private feed(c: number): void {
    for (let consumed = false; !consumed; ) {
      const step = TABLE[this.state * 256 + c]!;
      const to = step & 0xff;
      consumed = (step & 0x100) === 0;
      if (consumed && !this.discarding) {
        this.token.push(c);
        if (this.tokenSize + this.token.length > this.maxBytes) this.overflow();
      }
      if (to >= T.Error) {
        this.process(to as T, this.token.take());
        this.state = to === T.Error ? S.Recovery : S.Start;
      } else {
        if (to === S.Start || to === S.Recovery) this.token.clear();
        this.state = to as S;
      }
    }
  }

  private overflow(): void {
    this.discarding = true;
    this.token.clear();
    this.tokens = [];
    this.tokenSize = 0;
    this.send({ error: this.overflowMessage });
  }

  private reset(): void {
    this.braces = 0;
    this.brackets = 0;
    this.tokens = [];
    this.tokenSize = 0;
    this.discarding = false;
  }

  /** json_message_process_token. */
  private process(type: T, text: Uint8Array): void {
    if (type === T.LCurly) this.braces++;
    else if (type === T.RCurly) this.braces--;
    else if (type === T.LSquare) this.brackets++;
    else if (type === T.RSquare) this.brackets--;
    else if (type === T.Error) {
      this.reset();
      this.send({ error: `JSON parse error, stray '${new TextDecoder().decode(text)}'` });
      return;
    }
    // QEMU tests bracket_count twice here and never brace_count < 0; kept as QEMU has it.
    const open = (this.braces > 0 || this.brackets > 0) && this.brackets >= 0;
    if (this.discarding) {
      if (!open) this.reset();
      return;
    }
    // These two have no "JSON parse error, " in QEMU (json-streamer.c).
    if (this.tokens.length + 1 > MAX_TOKEN_COUNT) return this.fail('JSON token count limit exceeded');
    if (this.braces + this.brackets > MAX_NESTING) return this.fail('JSON nesting depth limit exceeded');
    this.tokens.push({ type, text });
    this.tokenSize += text.length;
    if (open) return;
    const tokens = this.tokens;
    this.reset();
    this.send(parseTokens(tokens));
  }

  private fail(message: string): void {
    this.reset();
    this.send({ error: message });
  }
}

class ParseError extends Error {}

/** What QEMU's parse_error keeps of its message (a 1024-byte buffer, NUL included). */
const PARSE_ERROR_MAX = 1023;
/** The longest integer literal that can be an int64 or uint64 ("-9223372036854775808"). */
const MAX_INTEGER_DIGITS = 20;

/** json_parser_parse: the first error wins, as in QEMU's parse_error(). */
function parseTokens(tokens: readonly Token[]): ParseResult {
  let at = 0;
  let first: string | undefined;
  const error = (msg: string): undefined => {
    // parse_error() formats into char message[1024]: at most 1023 bytes follow the prefix.
    first ??= `JSON parse error, ${msg.length > PARSE_ERROR_MAX ? msg.slice(0, PARSE_ERROR_MAX) : msg}`;
    return undefined;
  };
  const peek = () => tokens[at];
  const pop = () => tokens[at++];

  const value = (): unknown => {
    const t = peek();
    if (!t) return error('premature EOI');
    switch (t.type) {
      case T.LCurly: return object();
      case T.LSquare: return array();
      case T.Integer: case T.Float: case T.String: return literal();
      case T.KeywordTok: return keyword();
      default: return error('expecting value');
    }
  };
  const pair = (dict: Record<string, unknown>): boolean => {
    if (!peek()) return error('premature EOI') ?? false;
    const key = value();
    if (typeof key !== 'string') return error('key is not a string in object') ?? false;
    const colon = pop();
    if (!colon) return error('premature EOI') ?? false;
    if (colon.type !== T.Colon) return error('missing : in object pair') ?? false;
    const v = value();
    if (v === undefined) return error('Missing value in dict') ?? false;
    if (Object.hasOwn(dict, key)) return error('duplicate key') ?? false;
    // defineProperty: a "__proto__" member is data, not the object's prototype. Only
    // for that key: defining every member that way made each object a slow dictionary.
    if (key === '__proto__') Object.defineProperty(dict, key, { value: v, enumerable: true, writable: true, configurable: true });
    else dict[key] = v;
    return true;
  };
  const object = (): unknown => {
    pop();
    const dict: Record<string, unknown> = {};
    if (!peek()) return error('premature EOI');
    if (peek()!.type === T.RCurly) {
      pop();
      return dict;
    }
    if (!pair(dict)) return undefined;
    for (let t = pop(); t?.type !== T.RCurly; t = pop()) {
      if (!t) return error('premature EOI');
      if (t.type !== T.Comma) return error('expected separator in dict');
      if (!pair(dict)) return undefined;
    }
    return dict;
  };
  const array = (): unknown => {
    pop();
    const list: unknown[] = [];
    if (!peek()) return error('premature EOI');
    if (peek()!.type === T.RSquare) {
      pop();
      return list;
    }
    let v = value();
    if (v === undefined) return error('expecting value');
    list.push(v);
    for (let t = pop(); t?.type !== T.RSquare; t = pop()) {
      if (!t) return error('premature EOI');
      if (t.type !== T.Comma) return error('expected separator in list');
      v = value();
      if (v === undefined) return error('expecting value');
      list.push(v);
    }
    return list;
  };
  const keyword = (): unknown => {
    const text = ascii(pop()!.text);
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (text === 'null') return null;
    return error(`invalid keyword '${text}'`);
  };
  const literal = (): unknown => {
    const t = pop()!;
    if (t.type === T.String) {
      try {
        return parseString(t.text);
      } catch (e) {
        if (e instanceof ParseError) return error(e.message);
        throw e;
      }
    }
    const text = ascii(t.text);
    if (t.type === T.Integer && text.length <= MAX_INTEGER_DIGITS + 1) {
      // int64, else uint64, else a double, as QEMU's QNum; JS keeps 53 bits of any.
      const n = BigInt(text);
      if (n >= -(2n ** 63n) && n < 2n ** 64n) return Number(n);
    }
    return Number.parseFloat(text);
  };

  const v = value();
  return first !== undefined || v === undefined ? { error: first ?? 'JSON parse error, expecting value' } : { value: v };
}

/** The token's bytes as text, one character per byte (no argument spreading: tokens may be 1 MiB). */
const ascii = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');

/** is_valid_codepoint (util/unicode.c): in range, no surrogate, no noncharacter. */
function validCodepoint(cp: number): boolean {
  if (cp < 0 || cp > 0x10ffff) return false;
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return false;
  return !(cp >= 0xd800 && cp <= 0xdfff);
}

function hex4(b: Uint8Array, at: number): number {
  let cp = 0;
  for (let i = 0; i < 4; i++) {
    const c = b[at + i];
    const d = c === undefined ? -1 : c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (d < 0) return -1;
    cp = (cp << 4) | d;
  }
  return cp;
}

/** mod_utf8_codepoint: one (modified) UTF-8 sequence; returns the code point (or -1) and its end. */
function utf8At(b: Uint8Array, at: number): [number, number] {
  const first = b[at]!;
  if (first < 0x80) return [first, at + 1];
  if (first >= 0xfe || (first & 0x40) === 0) return [-1, at + 1];
  let len = 0;
  let mask = 0x80;
  for (; first & mask; mask >>= 1) len++;
  let cp = first & (mask - 1);
  let p = at + 1;
  for (let i = 1; i < len; i++, p++) {
    const c = b[p] ?? 0;
    if ((c & 0xc0) !== 0x80) return [-1, p];
    cp = (cp << 6) | (c & 0x3f);
  }
  const min = [0x80, 0x800, 0x10000, 0x200000, 0x4000000][len - 2]!;
  if (!validCodepoint(cp) || (cp < min && !(cp === 0 && len === 2))) return [-1, p];
  return [cp, p];
}

const SIMPLE_ESCAPES: Readonly<Record<number, string>> = { 0x22: '"', 0x27: "'", 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' };

/** parse_string (json-parser.c): escapes, surrogate pairs, and QEMU's checks of both. */
function parseString(b: Uint8Array): string {
  const quote = b[0]!;
  let out = '';
  let p = 1;
  while (b[p] !== quote) {
    const c = b[p]!;
    // ASCII other than the backslash stands for itself (most of QMP input): no
    // UTF-8 decoding needed. The lexer let no control character into a string.
    if (c < 0x80 && c !== 0x5c) {
      out += String.fromCharCode(c);
      p++;
      continue;
    }
    if (c === 0x5c) {
      const beg = p;
      p++;
      const escaped = b[p++];
      const simple = escaped === undefined ? undefined : SIMPLE_ESCAPES[escaped];
      if (simple !== undefined) {
        out += simple;
        continue;
      }
      if (escaped !== 0x75) throw new ParseError('invalid escape sequence in string');
      let cp = hex4(b, p);
      p += 4;
      if (cp >= 0xd800 && cp <= 0xdbff && b[p] === 0x5c && b[p + 1] === 0x75) {
        const trailing = hex4(b, p + 2);
        if (trailing >= 0xdc00 && trailing <= 0xdfff) {
          cp = 0x10000 + ((cp & 0x3ff) << 10) + (trailing & 0x3ff);
          p += 6;
        } else cp = -1;
      }
      if (!validCodepoint(cp)) {
        // "%.*s": the escape as written, cut at the end of the token.
        throw new ParseError(`${ascii(b.subarray(beg, Math.min(p, b.length)))} is not a valid Unicode character`);
      }
      out += String.fromCodePoint(cp);
      continue;
    }
    const [cp, end] = utf8At(b, p);
    if (cp < 0) throw new ParseError('invalid UTF-8 sequence in string');
    out += String.fromCodePoint(cp);
    p = end;
  }
  return out;
}
