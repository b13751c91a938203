/**
 * The Excel add-in as Office will receive it, checked offline. Microsoft's `npm run validate` needs an
 * online service; this covers the structure it would check and what it cannot: that every URL of the
 * production manifest is served by the production build.
 *
 * `beforeAll` takes the run's production build (../helpers/build-addin.ts: `npm run build`'s command,
 * webpack in production mode with CREDIT_COVER_URL set, about 30 s on two cores, made once per jest run
 * for every test file that needs it).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { DEV_URL, OFFICE_JS_CDN, productionManifest, productionUrl } from '../../webpack.config';
import { buildAddin, PRODUCTION_URL } from '../helpers/build-addin';

const ROOT = path.resolve(__dirname, '..', '..');
const NS = {
  office: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  overrides: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
};
const RESOURCE_GROUPS = ['Images', 'Urls', 'ShortStrings', 'LongStrings'] as const;
/** A string json-rules-engine's engine.js throws with (rules-engine-bundle.test.ts shows it survives minifying). */
const RULES_ENGINE_MARKER = 'Engine: addRule() requires options';

function parseXml(xml: string, name: string): Document {
  const parser = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${name}: ${level}: ${message}`);
    },
  });
  return parser.parseFromString(xml, 'text/xml');
}

function elements(root: Document | Element, ns: string, localName: string): Element[] {
  const list = root.getElementsByTagNameNS(ns, localName);
  return Array.from({ length: list.length }, (_, i) => list.item(i) as Element);
}

function only(root: Document | Element, ns: string, localName: string): Element {
  const found = elements(root, ns, localName);
  if (found.length !== 1) throw new Error(`expected one <${localName}>, found ${found.length}`);
  return found[0];
}

function children(parent: Element, ns: string, localName: string): Element[] {
  return elements(parent, ns, localName).filter((e) => e.parentNode === parent);
}

function attr(element: Element, name: string): string {
  const value = element.getAttribute(name);
  if (value === null) throw new Error(`<${element.tagName}> has no ${name}`);
  return value;
}

/** Every URL the manifest gives Office: attribute values and element texts, namespace declarations aside. */
function urlsOf(doc: Document): string[] {
  const urls: string[] = [];
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const element = all.item(i) as Element;
    for (let j = 0; j < element.attributes.length; j++) {
      const attribute = element.attributes.item(j);
      if (!attribute || attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) continue;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(attribute.value)) urls.push(attribute.value);
    }
    const text = element.childNodes.length === 1 ? (element.textContent ?? '').trim() : '';
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) urls.push(text);
  }
  return urls;
}

interface Resource {
  group: (typeof RESOURCE_GROUPS)[number];
  id: string;
  element: Element;
}

function resourcesOf(doc: Document): Resource[] {
  const resources = only(doc, NS.overrides, 'Resources');
  return RESOURCE_GROUPS.flatMap((group) =>
    children(resources, NS.bt, group).flatMap((container) =>
      Array.from({ length: container.childNodes.length }, (_, i) => container.childNodes.item(i))
        .filter((node): node is Element => node?.nodeType === 1)
        .map((element) => ({ group, id: attr(element, 'id'), element })),
    ),
  );
}

function residsUsed(doc: Document): string[] {
  const all = doc.getElementsByTagName('*');
  const used: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const resid = (all.item(i) as Element).getAttribute('resid');
    if (resid !== null) used.push(resid);
  }
  return used;
}

function frenchOverrides(element: Element, ns: string): Element[] {
  return children(element, ns, 'Override').filter((o) => o.getAttribute('Locale') === 'fr-FR');
}

/** The custom functions' ids as custom-functions-metadata reads them: `@customfunction [id [name]]`, else the name. */
function customFunctionIds(source: string): string[] {
  const pattern =
    /\/\*\*((?:(?!\*\/)[\s\S])*?@customfunction\b[^\n]*(?:(?!\*\/)[\s\S])*)\*\/\s*(?:export\s+)?(?:async\s+)?function\s+(\w+)/g;
  return [...source.matchAll(pattern)].map(([, doc, name]) => {
    const explicit = /@customfunction[ \t]+([A-Za-z_][\w.]*)/.exec(doc)?.[1];
    return (explicit ?? name).toUpperCase();
  });
}

function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map(
    ([, double, single, bare]) => double ?? single ?? bare,
  );
}

function servedFile(dist: string, url: string): string {
  return path.join(dist, decodeURIComponent(new URL(url).pathname.slice(new URL(PRODUCTION_URL).pathname.length)));
}

describe('manifest.xml (the dev manifest npm start sideloads)', () => {
  const xml = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

  it('is well-formed XML', () => {
    expect(() => parseXml(xml, 'manifest.xml')).not.toThrow();
  });

  it('points every URL at the dev server, so the production rewrite reaches them all', () => {
    const urls = urlsOf(parseXml(xml, 'manifest.xml'));
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((url) => !url.startsWith(DEV_URL))).toEqual([]);
  });
});

describe('the production manifest rewrite', () => {
  it('replaces every occurrence of the dev URL, not only the first', () => {
    const xml = [1, 2, 3].map((n) => `<a v="${DEV_URL}f${n}.html"/>`).join('');
    expect(productionManifest(xml, PRODUCTION_URL)).toBe(
      [1, 2, 3].map((n) => `<a v="${PRODUCTION_URL}f${n}.html"/>`).join(''),
    );
  });

  it('refuses to leave localhost behind', () => {
    expect(() => productionManifest(`<a v="${DEV_URL}x"/><b v="https://localhost:3001/y"/>`, PRODUCTION_URL)).toThrow(
      /localhost:3001/,
    );
  });

  it('drops comments, which describe the dev setup', () => {
    expect(productionManifest(`<!-- dev: ${DEV_URL} --><a/>`, PRODUCTION_URL)).toBe('<a/>');
  });

  it.each([
    ['https://cover.example.org', 'https://cover.example.org/'],
    ['https://cover.example.org/addin', 'https://cover.example.org/addin/'],
    ['https://cover.example.org/addin/', 'https://cover.example.org/addin/'],
  ])('takes %s as the production base %s', (value, base) => {
    expect(productionUrl(value)).toBe(base);
  });

  it.each(['http://cover.example.org/', 'https://localhost:3000/', 'https://cover.example.org/?v=1', 'cover'])(
    'refuses %s as the production base',
    (value) => {
      expect(() => productionUrl(value)).toThrow(/CREDIT_COVER_URL/);
    },
  );
});

describe('the production build (dist/)', () => {
  let dist = '';
  let manifest: Document;
  let manifestXml = '';

  beforeAll(async () => {
    // Shared with test/browser/taskpane.test.ts: one production build per jest run.
    dist = await buildAddin();
    manifestXml = readFileSync(path.join(dist, 'manifest.xml'), 'utf8');
    manifest = parseXml(manifestXml, 'dist/manifest.xml');
  }, 300_000);

  describe('manifest.xml', () => {
    it('is manifest.xml with the dev URL rewritten to CREDIT_COVER_URL', () => {
      expect(manifestXml).toBe(
        productionManifest(readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'), PRODUCTION_URL),
      );
      expect(manifestXml).not.toMatch(/localhost/i);
    });

    it('is a task pane add-in for Excel with a GUID, a version and a provider', () => {
      const app = manifest.documentElement as Element;
      expect(app.namespaceURI).toBe(NS.office);
      expect(app.localName).toBe('OfficeApp');
      expect(app.getAttribute('xsi:type')).toBe('TaskPaneApp');
      expect(only(manifest, NS.office, 'Id').textContent).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(only(manifest, NS.office, 'Version').textContent).toMatch(/^\d{1,5}(\.\d{1,5}){1,3}$/);
      expect(only(manifest, NS.office, 'ProviderName').textContent?.trim()).not.toBe('');
      const hosts = elements(manifest, NS.office, 'Host').map((h) => h.getAttribute('Name'));
      expect(hosts).toEqual(['Workbook']);
      expect(only(manifest, NS.overrides, 'VersionOverrides').getAttribute('xsi:type')).toBe('VersionOverridesV1_0');
    });

    it('requires the shared runtime and the custom functions runtime 1.1', () => {
      const sets = elements(only(manifest, NS.office, 'Requirements'), NS.office, 'Set').map(
        (s) => `${attr(s, 'Name')} ${attr(s, 'MinVersion')}`,
      );
      expect(sets.sort()).toEqual(['CustomFunctionsRuntime 1.1', 'SharedRuntime 1.1']);
    });

    it('defines every resid it uses exactly once, and uses every resource it defines', () => {
      const defined = resourcesOf(manifest).map((r) => r.id);
      const used = new Set(residsUsed(manifest));
      expect(defined.filter((id, i) => defined.indexOf(id) !== i)).toEqual([]);
      expect([...used].filter((id) => !defined.includes(id))).toEqual([]);
      expect(defined.filter((id) => !used.has(id))).toEqual([]);
    });

    it('keeps ids unique and resids within 32 characters', () => {
      const all = manifest.getElementsByTagName('*');
      const ids: string[] = [];
      for (let i = 0; i < all.length; i++) {
        const id = (all.item(i) as Element).getAttribute('id');
        if (id !== null) ids.push(id);
      }
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      expect(residsUsed(manifest).filter((id) => id.length > 32)).toEqual([]);
    });

    it('has a French override for the name, the description and every string', () => {
      for (const name of ['DisplayName', 'Description']) {
        const french = frenchOverrides(only(manifest, NS.office, name), NS.office);
        expect({ name, count: french.length }).toEqual({ name, count: 1 });
        expect(attr(french[0], 'Value').trim()).not.toBe('');
      }
      const strings = resourcesOf(manifest).filter((r) => r.group === 'ShortStrings' || r.group === 'LongStrings');
      expect(strings.length).toBeGreaterThan(3);
      for (const { id, element } of strings) {
        const french = frenchOverrides(element, NS.bt);
        expect({ id, count: french.length }).toEqual({ id, count: 1 });
        expect(attr(french[0], 'Value').trim()).not.toBe('');
      }
    });

    it('keeps texts within Office’s limits (125 characters for short strings and the name, 250 for long ones)', () => {
      const tooLong: string[] = [];
      const check = (what: string, value: string, max: number) => {
        if (value.length > max) tooLong.push(`${what} (${value.length} > ${max})`);
      };
      for (const [name, max] of [
        ['DisplayName', 125],
        ['Description', 250],
      ] as const) {
        const element = only(manifest, NS.office, name);
        check(name, attr(element, 'DefaultValue'), max);
        for (const o of frenchOverrides(element, NS.office)) check(`${name} fr-FR`, attr(o, 'Value'), max);
      }
      for (const { group, id, element } of resourcesOf(manifest)) {
        if (group !== 'ShortStrings' && group !== 'LongStrings') continue;
        const max = group === 'ShortStrings' ? 125 : 250;
        check(id, attr(element, 'DefaultValue'), max);
        for (const o of frenchOverrides(element, NS.bt)) check(`${id} fr-FR`, attr(o, 'Value'), max);
      }
      expect(tooLong).toEqual([]);
    });

    it('runs the task pane, the function file and the custom functions in one shared runtime', () => {
      const runtimes = elements(manifest, NS.overrides, 'Runtime');
      expect(runtimes).toHaveLength(1);
      expect(attr(runtimes[0], 'lifetime')).toBe('long');
      const shared = attr(runtimes[0], 'resid');
      const page = only(only(manifest, NS.overrides, 'Page'), NS.overrides, 'SourceLocation');
      const functionFile = only(manifest, NS.overrides, 'FunctionFile');
      const showPane = elements(manifest, NS.overrides, 'Action').filter(
        (a) => a.getAttribute('xsi:type') === 'ShowTaskpane',
      );
      expect(showPane.length).toBeGreaterThan(0);
      const paneSources = showPane.map((a) => attr(only(a, NS.overrides, 'SourceLocation'), 'resid'));
      expect([attr(page, 'resid'), attr(functionFile, 'resid'), ...paneSources]).toEqual(
        Array(2 + paneSources.length).fill(shared),
      );
      // One TaskpaneId: a shared runtime supports a single task pane.
      expect(new Set(showPane.map((a) => only(a, NS.overrides, 'TaskpaneId').textContent)).size).toBe(1);
      const url = resourcesOf(manifest).find((r) => r.id === shared);
      expect(url && attr(url.element, 'DefaultValue')).toBe(`${PRODUCTION_URL}taskpane.html`);
      const defaultSource = only(only(manifest, NS.office, 'DefaultSettings'), NS.office, 'SourceLocation');
      expect(attr(defaultSource, 'DefaultValue')).toBe(`${PRODUCTION_URL}taskpane.html`);
    });

    it('names the custom functions COVER, in every language', () => {
      const extension = elements(manifest, NS.overrides, 'ExtensionPoint').filter(
        (e) => e.getAttribute('xsi:type') === 'CustomFunctions',
      );
      expect(extension).toHaveLength(1);
      const resid = attr(only(extension[0], NS.overrides, 'Namespace'), 'resid');
      const namespace = resourcesOf(manifest).find((r) => r.id === resid);
      expect(namespace?.group).toBe('ShortStrings');
      expect(namespace && attr(namespace.element, 'DefaultValue')).toBe('COVER');
      expect(namespace && frenchOverrides(namespace.element, NS.bt).map((o) => attr(o, 'Value'))).toEqual(['COVER']);
    });

    it('opens the pane from a button on the Home tab, with 16, 32 and 80 px icons', () => {
      const tabs = elements(manifest, NS.overrides, 'OfficeTab').map((t) => attr(t, 'id'));
      expect(tabs).toEqual(['TabHome']);
      for (const icon of elements(manifest, NS.overrides, 'Icon')) {
        expect(children(icon, NS.bt, 'Image').map((i) => attr(i, 'size'))).toEqual(['16', '32', '80']);
      }
    });

    it('points every URL at the production base and at a file the build emitted', () => {
      const urls = urlsOf(manifest);
      expect(urls.length).toBeGreaterThan(5);
      expect(urls.filter((url) => !url.startsWith(PRODUCTION_URL))).toEqual([]);
      const missing = urls.filter((url) => {
        const file = servedFile(dist, url);
        return !existsSync(file) || !statSync(file).isFile();
      });
      expect(missing).toEqual([]);
    });

    it('points the icons at PNGs of the size their name says', () => {
      const sizes = urlsOf(manifest)
        .filter((url) => url.endsWith('.png'))
        .map((url) => {
          const png = readFileSync(servedFile(dist, url));
          // IHDR: width and height, big-endian, at bytes 16 and 20.
          return { url, size: png.subarray(1, 4).toString('latin1') === 'PNG' ? png.readUInt32BE(16) : 0 };
        });
      expect(sizes.length).toBeGreaterThan(3);
      for (const { url, size } of sizes)
        expect({ url, size }).toEqual({ url, size: Number(/icon-(\d+)\.png$/.exec(url)?.[1]) });
    });
  });

  describe('functions.json', () => {
    it('describes every @customfunction of src/functions/functions.ts', () => {
      const source = readFileSync(path.join(ROOT, 'src', 'functions', 'functions.ts'), 'utf8');
      const expected = customFunctionIds(source);
      expect(expected.length).toBeGreaterThan(0);
      const metadata = JSON.parse(readFileSync(path.join(dist, 'functions.json'), 'utf8')) as {
        functions: { id: string; name: string }[];
      };
      expect(metadata.functions.map((f) => f.id).sort()).toEqual([...expected].sort());
    });
  });

  describe('taskpane.html', () => {
    it('loads office.js from Microsoft’s CDN first, then the webpack runtime and the three entries, all emitted', () => {
      const html = readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
      const sources = scriptSources(html);
      expect(sources[0]).toBe(OFFICE_JS_CDN);
      const local = sources.slice(1).map((src) => src.replace(/[?#].*$/, ''));
      expect(local.filter((file) => !existsSync(path.join(dist, file)))).toEqual([]);
      expect(local[0]).toBe('runtime.js');
      const order = ['functions.js', 'commands.js', 'taskpane.js'].map((file) => local.indexOf(file));
      expect(order.every((i) => i > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(html).toMatch(/<div id="?root"?>/);
    });

    it('ships no local office.js in production', () => {
      expect(existsSync(path.join(dist, 'office.js'))).toBe(false);
    });
  });

  describe('the bundles', () => {
    it('leave json-rules-engine out: the core runs the compiled rules', () => {
      const scripts = readdirSync(dist).filter((file) => file.endsWith('.js'));
      expect(scripts).toContain('functions.js');
      const carrying = scripts.filter((file) =>
        readFileSync(path.join(dist, file), 'utf8').includes(RULES_ENGINE_MARKER),
      );
      expect(carrying).toEqual([]);
    });
  });
});
