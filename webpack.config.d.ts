/** Types of what webpack.config.js exports besides the configuration, for test/addin/. */
import type { Configuration } from 'webpack';

declare function config(
  env?: Record<string, string | boolean | undefined>,
  argv?: { mode?: 'development' | 'production' },
): Promise<Configuration>;

declare namespace config {
  /** The base of every URL in manifest.xml: the dev server. */
  const DEV_URL: string;
  /** Office.js on Microsoft's CDN, as the page loads it. */
  const OFFICE_JS_CDN: string;
  /** The production base URL from CREDIT_COVER_URL (or `value`): https, trailing slash; throws otherwise. */
  function productionUrl(value?: string): string;
  /** manifest.xml with every dev URL replaced by `baseUrl` and comments dropped; throws if localhost is left. */
  function productionManifest(xml: string, baseUrl: string): string;
}

export = config;
