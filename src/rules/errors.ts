/** Errors in a rule file: each names its place with a JSON pointer (RFC 6901) and says what was expected. */

export interface RuleFileError {
  file?: string;
  /** JSON pointer to the offending place, e.g. "/rules/3/conditions/all/0/fact"; "" for the whole file. */
  pointer: string;
  message: string;
}

/** "file: rules/3/conditions/all/0/fact: unknown fact …"; "(file)" stands for the whole document. */
export function formatRuleFileError(e: RuleFileError): string {
  const place = e.pointer === '' ? '(file)' : e.pointer.replace(/^\//, '');
  return e.file === undefined || e.file === '' ? `${place}: ${e.message}` : `${e.file}: ${place}: ${e.message}`;
}

export type PointerSegment = string | number;

export function escapePointerSegment(segment: PointerSegment): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(segments: readonly PointerSegment[]): string {
  return segments.map((s) => '/' + escapePointerSegment(s)).join('');
}

export function childPointer(pointer: string, segment: PointerSegment): string {
  return pointer + '/' + escapePointerSegment(segment);
}

/** At most this many errors are listed: a hostile file must not produce a million-line report. */
export const MAX_ERRORS = 100;

/** Collects errors in discovery order, once each. */
export class ErrorList {
  private readonly seen = new Set<string>();
  private readonly items: RuleFileError[] = [];
  private omitted = 0;

  constructor(private readonly file: string | undefined) {}

  add(pointer: string, message: string): void {
    const key = pointer + '\u0000' + message;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.items.length >= MAX_ERRORS) this.omitted++;
    else this.items.push(this.error(pointer, message));
  }

  get size(): number {
    return this.items.length + this.omitted;
  }

  list(): RuleFileError[] {
    if (this.omitted === 0) return [...this.items];
    return [...this.items, this.error('', `and ${this.omitted} more error(s) not listed`)];
  }

  private error(pointer: string, message: string): RuleFileError {
    return this.file === undefined ? { pointer, message } : { file: this.file, pointer, message };
  }
}

/** A value as quoted in a message: short, and never a whole subtree. */
export function quote(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? value.slice(0, 57) + '…' : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

/** "a string "12"", "a number 12.5", "null", "an array" … */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `a string ${quote(value)}`;
    case 'number':
      return `a number ${quote(value)}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function listNames(names: readonly string[]): string {
  return names.join(', ');
}
