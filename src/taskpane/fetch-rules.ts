/**
 * Downloading a rule file a broker published on the web. A rule file is data from a third party, so
 * the download is held to what a rule file can be: https only (also after redirects), a JSON media
 * type, 5 MB at most (counted on the bytes received, whatever Content-Length says), 10 seconds for
 * the whole answer, no cookies, no referrer, no cache, no user name or password in the address. The text is decoded as the command line decodes a file: UTF-8,
 * strictly, with a byte-order mark kept so the loader names it.
 */
import { MAX_FILE_BYTES } from '../rules';

export type FetchErrorCode =
  | 'bad-url'
  | 'not-https'
  | 'credentials'
  | 'http-status'
  | 'content-type'
  | 'too-large'
  | 'timeout'
  | 'network'
  | 'not-utf8';

/** Why a download was refused; `detail` is what the message names (a status, a media type, a size …). */
export class RuleFetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'RuleFetchError';
  }
}

export const FETCH_TIMEOUT_MS = 10_000;

export interface FetchRuleFileOptions {
  /** The fetch to use: the page's own, or a test's fake. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface FetchedRuleFile {
  text: string;
  /** The address the text came from, after redirects. */
  url: string;
}

/** `application/json`, `text/json` and structured-syntax types such as `application/schema+json`. */
export function isJsonMediaType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || type === 'text/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
}

/** Checks the address before anything is sent. */
export function ruleFileUrl(address: string): URL {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new RuleFetchError('bad-url', address.trim());
  }
  if (url.protocol !== 'https:') throw new RuleFetchError('not-https', url.protocol.replace(/:$/, ''));
  // A password in the address would travel in every message that names the address; and a rule
  // file for fifty clients is public to them anyway. The error names the host only.
  if (url.username !== '' || url.password !== '') throw new RuleFetchError('credentials', url.host);
  return url;
}

export async function fetchRuleFile(address: string, options: FetchRuleFileOptions = {}): Promise<FetchedRuleFile> {
  const url = ruleFileUrl(address);
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const failure = (error: unknown): RuleFetchError => {
    if (error instanceof RuleFetchError) return error;
    if (timedOut) return new RuleFetchError('timeout', String(Math.round(timeoutMs / 100) / 10));
    return new RuleFetchError('network', error instanceof Error ? error.message : String(error));
  };

  try {
    let response: Response;
    try {
      response = await doFetch(url.href, {
        signal: controller.signal,
        credentials: 'omit',
        // The broker's server learns nothing of the workbook's add-in page, and a file the broker
        // just corrected is never answered from a cache.
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        redirect: 'follow',
        headers: { Accept: 'application/json' },
      });
    } catch (error) {
      throw failure(error);
    }
    // A redirect may leave https; the browser would block it on an https page, but say so plainly.
    if (response.url !== '' && !response.url.startsWith('https:')) {
      throw new RuleFetchError('not-https', new URL(response.url).protocol.replace(/:$/, ''));
    }
    if (!response.ok) {
      throw new RuleFetchError(
        'http-status',
        `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      );
    }
    const contentType = response.headers.get('content-type');
    if (!isJsonMediaType(contentType)) throw new RuleFetchError('content-type', contentType ?? '');
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) throw new RuleFetchError('too-large', `${declared} bytes`);

    let bytes: Uint8Array;
    try {
      bytes = await readBody(response, maxBytes, controller.signal);
    } catch (error) {
      throw failure(error);
    }
    try {
      return {
        text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
        url: response.url || url.href,
      };
    } catch {
      throw new RuleFetchError('not-utf8', '');
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The body, stopped as soon as it passes `maxBytes` or the signal aborts: a server that sends
 * forever, or slowly, is cut off rather than read to the end.
 */
async function readBody(response: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const body = response.body;
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const aborted = new Promise<never>((_, reject) => {
    const stop = (): void => {
      void reader.cancel().catch(() => undefined);
      reject(new DOMException('The download was aborted.', 'AbortError'));
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
  // The race below may leave `aborted` unobserved once the body is read.
  aborted.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await Promise.race([reader.read(), aborted]);
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw new RuleFetchError('too-large', `more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
