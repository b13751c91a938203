/**
 * Checks on the text of a rule file before `JSON.parse` sees it: size, byte-order mark, and one
 * strict, iterative scan that finds the line and column of a syntax error (engines word their
 * JSON.parse errors differently and some give no position), duplicate field names (parsers disagree
 * on which one wins, and RFC 8785 hashing assumes there are none) and nesting too deep to be sane.
 */
import { MAX_DEPTH, MAX_FILE_BYTES } from './ruleFile';
import { ErrorList, pointerOf, type PointerSegment } from './errors';
import { utf8Length } from './utf8';

/**
 * Size and BOM. Returns the offset where the JSON text starts (after a BOM, so the rest can still be
 * checked and every error reported at once), or null when the text must not be scanned at all.
 */
export function checkEnvelope(text: string, errors: ErrorList): number | null {
  // Each UTF-16 code unit is at least one byte and at most three, so most texts need no counting.
  if (
    text.length > MAX_FILE_BYTES ||
    (text.length * 3 > MAX_FILE_BYTES && utf8Length(text, MAX_FILE_BYTES) > MAX_FILE_BYTES)
  ) {
    errors.add('', `the file is larger than 5 MB (${MAX_FILE_BYTES} bytes of UTF-8); a rule file is far smaller`);
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) {
    errors.add('', 'starts with a byte-order mark (BOM); save the file as UTF-8 without BOM');
    return 1;
  }
  return 0;
}

interface Frame {
  kind: 'object' | 'array';
  /** Current field name (object) or index (array): the child being read. */
  at: PointerSegment;
  keys: Set<string> | null;
}

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Scans `text` from `start`; adds at most one syntax or depth error, and one error per duplicate field. */
export function scanJsonText(text: string, start: number, errors: ErrorList): boolean {
  const n = text.length;
  let i = start;
  const stack: Frame[] = [];
  let ok = true;

  const skipWs = (): void => {
    while (i < n && isWs(text.charCodeAt(i))) i++;
  };
  const fail = (at: number, what: string): false => {
    const { line, column } = lineColumn(text, at);
    errors.add('', `invalid JSON at line ${line}, column ${column}: ${what}`);
    ok = false;
    return false;
  };
  const found = (at: number): string => (at >= n ? 'the end of the file' : describeChar(text, at));
  const path = (): PointerSegment[] => stack.map((f) => f.at);

  /** Reads a string token at i (text[i] === '"'); returns the index after it, or -1 after failing. */
  const readString = (): number => {
    let j = i + 1;
    for (;;) {
      if (j >= n) {
        fail(i, 'unterminated string (missing closing ")');
        return -1;
      }
      const c = text.charCodeAt(j);
      if (c === 0x22) return j + 1;
      if (c < 0x20) {
        fail(j, `${describeChar(text, j)} inside a string; write it as an escape such as \\n`);
        return -1;
      }
      if (c !== 0x5c) {
        j++;
        continue;
      }
      const e = text[j + 1];
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) j += 6;
      else if (e !== undefined && e !== 'u' && '"\\/bfnrt'.includes(e)) j += 2;
      else {
        fail(
          j,
          e === 'u' ? 'invalid \\u escape (expected 4 hexadecimal digits)' : `invalid escape \\${e ?? ''} in a string`,
        );
        return -1;
      }
    }
  };

  /** Reads `"key" :` at i; records the key on the top frame. */
  const readKey = (afterComma: boolean): boolean => {
    const frame = stack[stack.length - 1];
    if (text[i] !== '"') {
      if (text[i] === '}' && afterComma) return fail(i, 'trailing comma before "}" (not allowed in JSON)');
      return fail(i, `expected a field name in double quotes, found ${found(i)}${hint(text, i)}`);
    }
    const keyStart = i;
    const end = readString();
    if (end < 0) return false;
    // The token is a valid JSON string by now, so JSON.parse only decodes its escapes.
    const key = JSON.parse(text.slice(keyStart, end)) as string;
    i = end;
    skipWs();
    if (text[i] !== ':') return fail(i, `expected ":" after field name ${JSON.stringify(key)}, found ${found(i)}`);
    i++;
    skipWs();
    if (frame.keys!.has(key)) {
      const { line, column } = lineColumn(text, keyStart);
      errors.add(
        pointerOf([...path().slice(0, -1), key]),
        `duplicate field ${JSON.stringify(key)} (line ${line}, column ${column}); each field may appear once`,
      );
      ok = false;
    }
    frame.keys!.add(key);
    frame.at = key;
    return true;
  };

  const open = (kind: Frame['kind']): boolean => {
    if (stack.length >= MAX_DEPTH) {
      errors.add(pointerOf(path()), `nested deeper than ${MAX_DEPTH} levels`);
      ok = false;
      return false;
    }
    i++;
    stack.push({ kind, at: kind === 'object' ? '' : 0, keys: kind === 'object' ? new Set() : null });
    return true;
  };

  skipWs();
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      if (i >= n) return fail(i, 'unexpected end of the file, expected a value');
      const c = text[i];
      if (c === '{') {
        if (!open('object')) return false;
        skipWs();
        if (text[i] === '}') {
          i++;
          stack.pop();
          expectValue = false;
          continue;
        }
        if (!readKey(false)) return false;
        continue;
      }
      if (c === '[') {
        if (!open('array')) return false;
        skipWs();
        if (text[i] === ']') {
          i++;
          stack.pop();
          expectValue = false;
          continue;
        }
        continue;
      }
      if (c === '"') {
        const end = readString();
        if (end < 0) return false;
        i = end;
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
        m.lastIndex = i;
        const r = m.exec(text);
        if (!r || r[0] === '-') return fail(i, `invalid number starting with ${found(i)}`);
        i += r[0].length;
        if (i < n && /[0-9.eE+-]/.test(text[i])) return fail(i, `invalid number (unexpected ${found(i)})`);
      } else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else {
        const prev = stack.length > 0 && stack[stack.length - 1].kind === 'array' && previousNonWs(text, i) === ',';
        if (prev && c === ']') return fail(i, 'trailing comma before "]" (not allowed in JSON)');
        return fail(i, `expected a value, found ${found(i)}${hint(text, i)}`);
      }
      expectValue = false;
    } else {
      skipWs();
      if (stack.length === 0) {
        if (i < n) return fail(i, `unexpected ${found(i)} after the end of the JSON document`);
        return ok;
      }
      const frame = stack[stack.length - 1];
      const close = frame.kind === 'object' ? '}' : ']';
      if (text[i] === ',') {
        i++;
        skipWs();
        if (frame.kind === 'object') {
          if (!readKey(true)) return false;
        } else frame.at = (frame.at as number) + 1;
        expectValue = true;
      } else if (text[i] === close) {
        i++;
        stack.pop();
      } else {
        return fail(i, `expected "," or "${close}", found ${found(i)}${hint(text, i)}`);
      }
    }
  }
}

function previousNonWs(text: string, i: number): string {
  let j = i - 1;
  while (j >= 0 && isWs(text.charCodeAt(j))) j--;
  return j >= 0 ? text[j] : '';
}

function hint(text: string, i: number): string {
  const c = text[i];
  if (c === '/') return ' (comments are not allowed in JSON)';
  if (c === "'") return ' (JSON strings need double quotes)';
  if (c !== undefined && /[A-Za-z_$]/.test(c)) return ' (text must be in double quotes)';
  return '';
}

function describeChar(text: string, i: number): string {
  const code = text.codePointAt(i)!;
  if (code < 0x20 || code === 0x7f || code === 0xfeff)
    return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return JSON.stringify(String.fromCodePoint(code));
}

/** 1-based line and column (in UTF-16 code units, as editors count) of offset `at`; CRLF, CR and LF end a line. */
export function lineColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(at, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
