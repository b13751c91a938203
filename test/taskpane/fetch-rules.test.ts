/**
 * Downloading a rule file: what is refused, and why, with a fake fetch (real Response objects, so
 * headers and streamed bodies behave as the browser's).
 */
import { fetchRuleFile, isJsonMediaType, RuleFetchError, type FetchErrorCode } from '../../src/taskpane/fetch-rules';

const URL_OK = 'https://rules.example.com/policy.json';
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

function fakeFetch(respond: (url: string, init: RequestInit) => Promise<Response> | Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return respond(String(input), init ?? {});
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** A response whose `url` (set by fetch after redirects) is `url`. */
function withUrl(response: Response, url: string): Response {
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

/** Never answers until aborted, as a server that does not reply. */
function hanging(_url: string, init: RequestInit): Promise<Response> {
  return new Promise((_, reject) =>
    init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
  );
}

async function failure(promise: Promise<unknown>): Promise<{ code: FetchErrorCode; detail: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RuleFetchError) return { code: error.code, detail: error.detail };
    throw error;
  }
  throw new Error('expected a RuleFetchError');
}

describe('fetchRuleFile', () => {
  it('returns the text of a JSON answer, asked for without cookies and with a signal', async () => {
    const { fetch, calls } = fakeFetch(() => new Response('{"format":"credit-cover/rules@1"}', { headers: JSON_TYPE }));
    const result = await fetchRuleFile(`  ${URL_OK}  `, { fetch });
    expect(result).toEqual({ text: '{"format":"credit-cover/rules@1"}', url: URL_OK });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(URL_OK);
    expect(calls[0].init).toMatchObject({
      credentials: 'omit',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
    });
    expect(calls[0].init.signal).toBeInstanceOf(AbortSignal);
  });

  it.each([
    ['http://rules.example.com/p.json', 'not-https', 'http'],
    ['ftp://rules.example.com/p.json', 'not-https', 'ftp'],
    ['file:///etc/passwd', 'not-https', 'file'],
    ['rules.example.com/p.json', 'bad-url', 'rules.example.com/p.json'],
    ['', 'bad-url', ''],
    // The password is never repeated in the message: only the host is.
    ['https://broker:s3cret@rules.example.com/p.json', 'credentials', 'rules.example.com'],
    ['https://broker@rules.example.com:8443/p.json', 'credentials', 'rules.example.com:8443'],
  ])('refuses %j before sending anything (%s)', async (address, code, detail) => {
    const { fetch, calls } = fakeFetch(() => new Response('{}', { headers: JSON_TYPE }));
    expect(await failure(fetchRuleFile(address, { fetch }))).toEqual({ code, detail });
    expect(calls).toHaveLength(0);
  });

  it('refuses an answer that was redirected off https', async () => {
    const { fetch } = fakeFetch(() =>
      withUrl(new Response('{}', { headers: JSON_TYPE }), 'http://elsewhere.example/p.json'),
    );
    expect(await failure(fetchRuleFile(URL_OK, { fetch }))).toEqual({ code: 'not-https', detail: 'http' });
  });

  it('names the status of an unsuccessful answer', async () => {
    const { fetch } = fakeFetch(() => new Response('nope', { status: 404, statusText: 'Not Found' }));
    expect(await failure(fetchRuleFile(URL_OK, { fetch }))).toEqual({ code: 'http-status', detail: '404 Not Found' });
  });

  it.each([
    ['text/html; charset=utf-8', false],
    ['text/plain', false],
    ['application/octet-stream', false],
    ['application/json', true],
    ['Application/JSON;charset=UTF-8', true],
    ['text/json', true],
    ['application/schema+json', true],
    ['application/vnd.credit-cover.rules+json; charset=utf-8', true],
  ])('takes %j as JSON: %s', async (type, accepted) => {
    expect(isJsonMediaType(type)).toBe(accepted);
    const { fetch } = fakeFetch(() => new Response('{}', { headers: { 'content-type': type } }));
    const outcome = fetchRuleFile(URL_OK, { fetch });
    if (accepted) await expect(outcome).resolves.toMatchObject({ text: '{}' });
    else expect(await failure(outcome)).toEqual({ code: 'content-type', detail: type });
  });

  it('refuses an answer without a content type', async () => {
    const { fetch } = fakeFetch(() => {
      const response = new Response(new Uint8Array([123, 125]));
      response.headers.delete('content-type');
      return response;
    });
    expect(await failure(fetchRuleFile(URL_OK, { fetch }))).toEqual({ code: 'content-type', detail: '' });
  });

  it('refuses a declared size over 5 MB without reading the body', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const { fetch } = fakeFetch(
      () => new Response(body, { headers: { ...JSON_TYPE, 'content-length': String(5 * 1024 * 1024 + 1) } }),
    );
    expect(await failure(fetchRuleFile(URL_OK, { fetch }))).toEqual({ code: 'too-large', detail: '5242881 bytes' });
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops reading a body that passes the limit, whatever Content-Length said', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 400;
        controller.enqueue(new Uint8Array(400).fill(32));
      },
    });
    const { fetch } = fakeFetch(() => new Response(body, { headers: { ...JSON_TYPE, 'content-length': '10' } }));
    expect(await failure(fetchRuleFile(URL_OK, { fetch, maxBytes: 1000 }))).toEqual({
      code: 'too-large',
      detail: 'more than 1000 bytes',
    });
    // It stopped at the first chunk over the limit, not at the end of an endless stream.
    expect(sent).toBeLessThanOrEqual(2000);
  });

  it('takes a body of exactly the limit', async () => {
    const { fetch } = fakeFetch(() => new Response(' '.repeat(1000), { headers: JSON_TYPE }));
    await expect(fetchRuleFile(URL_OK, { fetch, maxBytes: 1000 })).resolves.toMatchObject({ text: ' '.repeat(1000) });
  });

  it('gives up on a server that does not answer within the timeout', async () => {
    const { fetch } = fakeFetch(hanging);
    const started = Date.now();
    expect(await failure(fetchRuleFile(URL_OK, { fetch, timeoutMs: 50 }))).toEqual({ code: 'timeout', detail: '0.1' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives up on a body that stops arriving', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"format":'));
        // … and nothing more, ever.
      },
    });
    const { fetch } = fakeFetch(() => new Response(body, { headers: JSON_TYPE }));
    expect(await failure(fetchRuleFile(URL_OK, { fetch, timeoutMs: 50 }))).toMatchObject({ code: 'timeout' });
  });

  it('says the default timeout is 10 seconds', async () => {
    jest.useFakeTimers();
    try {
      const { fetch } = fakeFetch(hanging);
      let settled = false;
      const outcome = failure(fetchRuleFile(URL_OK, { fetch })).finally(() => (settled = true));
      await jest.advanceTimersByTimeAsync(9_999);
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(await outcome).toEqual({ code: 'timeout', detail: '10' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('reports a network failure (DNS, CORS, offline) with its message', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await failure(fetchRuleFile(URL_OK, { fetch }))).toEqual({ code: 'network', detail: 'Failed to fetch' });
  });

  it('decodes strict UTF-8 and keeps a byte-order mark for the loader to name', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"a":"é"}')]);
    const { fetch } = fakeFetch(() => new Response(bom, { headers: JSON_TYPE }));
    expect((await fetchRuleFile(URL_OK, { fetch })).text).toBe('\uFEFF{"a":"é"}');

    const latin1 = new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]);
    const { fetch: bad } = fakeFetch(() => new Response(latin1, { headers: JSON_TYPE }));
    expect(await failure(fetchRuleFile(URL_OK, { fetch: bad }))).toEqual({ code: 'not-utf8', detail: '' });
  });
});
