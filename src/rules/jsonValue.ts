/**
 * Checks on a parsed (or handed-over) value before the schema sees it: it must be a JSON tree no
 * deeper than MAX_DEPTH, without the field names that reach into JavaScript prototypes. The walk is
 * iterative, so a 10,000-deep value cannot exhaust the stack, and never descends past the limit.
 */
import { MAX_DEPTH } from './ruleFile';
import { ErrorList, childPointer } from './errors';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * More values than a 5 MB text can hold ("[0,0,…]" spends 2 bytes a value). Only a value built in
 * memory with shared sub-objects can get here, and walking it further could take exponential time.
 */
const MAX_NODES = 3 * 1024 * 1024;

type Step = { value: unknown; pointer: string; depth: number } | { leave: object };

export function checkJsonValue(root: unknown, errors: ErrorList): boolean {
  const before = errors.size;
  // Objects on the path from the root: meeting one again is a cycle. Shared sub-objects elsewhere are fine.
  const onPath = new Set<object>();
  const stack: Step[] = [{ value: root, pointer: '', depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('leave' in step) {
      onPath.delete(step.leave);
      continue;
    }
    if (++nodes > MAX_NODES) {
      errors.add('', `more than ${MAX_NODES} values; a rule file is far smaller`);
      break;
    }
    const { value, pointer, depth } = step;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value))
        errors.add(pointer, `number out of range (${String(value)}); JSON numbers must be finite`);
      continue;
    }
    if (typeof value !== 'object') {
      errors.add(pointer, `not a JSON value (${typeof value})`);
      continue;
    }
    if (depth + 1 > MAX_DEPTH) {
      errors.add(pointer, `nested deeper than ${MAX_DEPTH} levels`);
      continue;
    }
    if (onPath.has(value)) {
      errors.add(pointer, 'contains itself (a cycle); a rule file is a JSON tree');
      continue;
    }
    const children: Step[] = [];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child = childPointer(pointer, i);
        if (!(i in value)) errors.add(child, 'empty array slot; not a JSON value');
        else children.push({ value: value[i], pointer: child, depth: depth + 1 });
      }
    } else {
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        errors.add(pointer, 'not a JSON value (an object that is not a plain object)');
        continue;
      }
      for (const key of Object.keys(value)) {
        const child = childPointer(pointer, key);
        if (FORBIDDEN_KEYS.has(key)) {
          errors.add(
            child,
            `forbidden field name ${JSON.stringify(key)}; __proto__, constructor and prototype are never allowed`,
          );
          continue;
        }
        children.push({ value: (value as Record<string, unknown>)[key], pointer: child, depth: depth + 1 });
      }
    }
    onPath.add(value);
    stack.push({ leave: value });
    // Reversed so that errors come out in document order.
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]);
  }
  return errors.size === before;
}
