/** See compiled.js: the path of a compiled bundle of a TypeScript entry, or null where none can be built. */
export function compiled(entry: string, root?: string): string | null;
