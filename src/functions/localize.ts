/**
 * French custom-function metadata, made at build time from the English functions.json that
 * custom-functions-metadata-plugin generates, with the committed translation table names.fr.json.
 * Only names and descriptions change: ids, types, optional flags and options stay as generated, so
 * the two files cannot drift apart. A function or parameter missing from the table, or one the
 * table has and the metadata does not, fails the build: nothing ships half translated.
 *
 * The manifest serves the French file to French Excel by overriding the metadata URL:
 * `<bt:Url id="Functions.Metadata.Url" DefaultValue="…/functions.json">
 *    <bt:Override Locale="fr-FR" Value="…/functions.fr.json"/></bt:Url>`.
 *
 * Build-time only (webpack config, scripts, tests): never imported by the add-in's bundles.
 */
import type { Compiler } from 'webpack';
import FRENCH_TABLE from './names.fr.json';

/** functions.json as custom-functions-metadata writes it (fields we do not touch are copied as they are). */
export interface FunctionsJson {
  allowCustomDataForDataTypeAny?: boolean;
  functions: FunctionJson[];
  enums?: unknown[];
}

export interface FunctionJson {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: ParameterJson[];
  result?: { type?: string; dimensionality?: string };
  options?: Record<string, boolean>;
}

export interface ParameterJson {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
  cellValueType?: string;
  customEnumId?: string;
}

/** One language's names: per function id, its name and description, and per English parameter name, its own. */
export interface NamesTable {
  locale: string;
  functions: Record<
    string,
    { name: string; description: string; parameters: Record<string, { name: string; description: string }> }
  >;
}

export const FRENCH_NAMES: NamesTable = FRENCH_TABLE;

// Excel's rule for a function name: a letter first, then letters, digits, `.` and `_`; 3 to 128 characters.
const FUNCTION_NAME = /^\p{L}[\p{L}\p{N}._]{2,127}$/u;
const PARAMETER_NAME = /^\p{L}[\p{L}\p{N}._]*$/u;

/** The metadata `en` with every name and description from `table`. Throws listing every mismatch. */
export function localizeMetadata(en: FunctionsJson, table: NamesTable): FunctionsJson {
  const problems: string[] = [];
  const seenNames = new Map<string, string>();
  const functions = en.functions.map((fn) => {
    const entry = Object.prototype.hasOwnProperty.call(table.functions, fn.id) ? table.functions[fn.id] : undefined;
    if (entry === undefined) {
      problems.push(`function ${fn.id} has no ${table.locale} name`);
      return fn;
    }
    if (!FUNCTION_NAME.test(entry.name))
      problems.push(`function ${fn.id}: ${JSON.stringify(entry.name)} is not a valid name`);
    const clash = seenNames.get(entry.name.toUpperCase());
    if (clash !== undefined) problems.push(`functions ${clash} and ${fn.id} have the same name ${entry.name}`);
    seenNames.set(entry.name.toUpperCase(), fn.id);
    if (entry.description.trim() === '') problems.push(`function ${fn.id} has an empty ${table.locale} description`);

    const parameters = fn.parameters.map((p) => {
      const names = Object.prototype.hasOwnProperty.call(entry.parameters, p.name)
        ? entry.parameters[p.name]
        : undefined;
      if (names === undefined) {
        problems.push(`parameter ${fn.id}(${p.name}) has no ${table.locale} name`);
        return p;
      }
      if (!PARAMETER_NAME.test(names.name))
        problems.push(`parameter ${fn.id}(${p.name}): ${JSON.stringify(names.name)} is not a valid name`);
      return { ...p, name: names.name, description: names.description };
    });
    const known = new Set(fn.parameters.map((p) => p.name));
    for (const name of Object.keys(entry.parameters))
      if (!known.has(name)) problems.push(`the table names a parameter ${fn.id}(${name}) the function does not have`);
    const paramNames = parameters.map((p) => p.name.toLowerCase());
    if (new Set(paramNames).size !== paramNames.length)
      problems.push(`function ${fn.id} has two parameters of one name`);

    return { ...fn, name: entry.name, description: entry.description, parameters };
  });
  const ids = new Set(en.functions.map((fn) => fn.id));
  for (const id of Object.keys(table.functions))
    if (!ids.has(id)) problems.push(`the table names a function ${id} the metadata does not have`);
  if (problems.length > 0) throw new Error(`${table.locale} custom-function names: ${problems.join('; ')}`);
  return { ...en, functions };
}

export interface LocalizeMetadataPluginOptions {
  /** The English metadata asset (custom-functions-metadata-plugin's `output`). Default `functions.json`. */
  input?: string;
  /** The localised asset to emit. Default `functions.fr.json`. */
  output?: string;
  /** Default: names.fr.json. */
  table?: NamesTable;
}

/**
 * Emits the localised metadata next to the English one, in the same compilation. Register it with
 * (after or before) CustomFunctionsMetadataPlugin: it reads the asset in `processAssets`, by which
 * time that plugin has added it.
 */
export class LocalizeMetadataPlugin {
  private readonly input: string;
  private readonly output: string;
  private readonly table: NamesTable;

  constructor(options: LocalizeMetadataPluginOptions = {}) {
    this.input = options.input ?? 'functions.json';
    this.output = options.output ?? 'functions.fr.json';
    this.table = options.table ?? FRENCH_NAMES;
  }

  apply(compiler: Compiler): void {
    const name = 'LocalizeMetadataPlugin';
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap({ name, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const asset = compilation.getAsset(this.input);
        if (asset === undefined) {
          compilation.errors.push(
            new WebpackError(
              `${name}: no ${this.input} to localise (is CustomFunctionsMetadataPlugin's output ${this.input}?)`,
            ),
          );
          return;
        }
        try {
          const en = JSON.parse(asset.source.source().toString()) as FunctionsJson;
          const localized = localizeMetadata(en, this.table);
          compilation.emitAsset(this.output, new sources.RawSource(JSON.stringify(localized, null, 4)));
        } catch (e) {
          compilation.errors.push(new WebpackError(`${name}: ${e instanceof Error ? e.message : String(e)}`));
        }
      });
    });
  }
}
