/**
 * The language of messages and generated headers: --lang, else the environment's locale.
 */
export type Lang = 'fr' | 'en';

export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^fr/i.test(locale) ? 'fr' : 'en';
}

export function parseLang(value: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (value === undefined) return defaultLang(env);
  if (value === 'fr' || value === 'en') return value;
  throw new Error(`--lang must be fr or en, not "${value}"`);
}
