/**
 * The task pane in a real browser (Debian's Chromium through playwright-core), built as it ships
 * (the production build, ../helpers/build-addin.ts) and served from 127.0.0.1. Nothing leaves the
 * machine: a first route aborts every request not to 127.0.0.1, and a second one (Playwright tries
 * the latest route first) serves office.js's CDN address:
 *
 * 1. in Excel: a stub (./office-stub.ts) backed by the in-memory Excel, prefilled with the French
 *    CSV fixture. The pane evaluates it with the sample fr-pme-globale as of 2027-06-30, and what the
 *    workbook received must equal what the command line computes for the same file;
 * 2. outside Excel: office.js aborted (as when it cannot load), then Microsoft's real office.js,
 *    which in a plain browser answers with no host. The pane says so and evaluates its demo workbook;
 * 3. the Compare tab, in Excel on the same fixture: fr-pme-globale and strict side by side, the
 *    figures of `credit-cover compare --json` for the same file, and nothing written into the workbook.
 *
 * Skipped, with a message, when /usr/bin/chromium is missing on a developer's machine; in CI
 * (`CI` set) a missing Chromium fails the suite. About 60–90 s, most of it the build.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build as esbuild } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { differenceText, type ComparisonReport } from '../../src/broker';
import { main } from '../../src/cli';
import { readTableFromFile } from '../../src/cli/input';
import type { Evaluation } from '../../src/domain';
import { POLICY_SETTING, storePolicy } from '../../src/excel';
import { MemoryWorkbook, type HostCellValue } from '../../src/excel/memory-host';
import { loadRuleFile } from '../../src/rules';
import { outputLabels } from '../../src/sheet/output-labels';
import { formatMoney } from '../../src/taskpane/format';
import { LABELS } from '../../src/taskpane/labels';
import { buildAddin, ROOT } from '../helpers/build-addin';
import type { StubConfig } from './office-stub';

const CHROMIUM = '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_FOLDER = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const OFFICE_JS_DIST = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'ledger-fr.csv');
const RULES = path.join(ROOT, 'rules', 'fr-pme-globale.json');
const STRICT_RULES = path.join(ROOT, 'rules', 'strict.json');
const AS_OF = '2027-06-30';
const LEDGER_SHEET = 'ledger-fr';
const SCREENSHOTS = path.join(ROOT, 'test-results');
/** Office's task pane is 320–450 px wide; 400 is what most users see. */
const PANE = { width: 400, height: 900 };
const TIMEOUT = 30_000;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
};

/** dist/ on 127.0.0.1, a random port; only files inside the folder, query strings ignored. */
function serve(folder: string): Promise<Server> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = path.join(folder, path.normalize(pathname).replace(/^([/\\])+/, ''));
    if (!file.startsWith(folder + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Every request not to this machine is aborted; registered first, so the routes after it win. */
async function offline(context: BrowserContext): Promise<void> {
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' ? route.fallback() : route.abort();
  });
}

interface PageLog {
  errors: string[];
}

function watch(page: Page): PageLog {
  const log: PageLog = { errors: [] };
  page.on('pageerror', (error) => log.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') log.errors.push(`console: ${message.text()}`);
  });
  return log;
}

/** A page of the pane in "Excel": office.js's address serves the stub, configured with `config`. */
async function openInExcel(
  browser: Browser,
  stub: string,
  base: string,
  config: StubConfig,
): Promise<{ page: Page; log: PageLog }> {
  const context = await browser.newContext({ viewport: PANE, locale: 'fr-FR' });
  await offline(context);
  await context.route(OFFICE_JS, (route) =>
    route.fulfill({ body: stub, contentType: 'text/javascript; charset=utf-8' }),
  );
  await context.addInitScript((c) => {
    (window as unknown as { __creditCoverStubConfig: unknown }).__creditCoverStubConfig = c;
  }, config);
  const page = await context.newPage();
  const log = watch(page);
  await page.goto(`${base}/taskpane.html`);
  return { page, log };
}

async function chooseSample(page: Page, fileName: string): Promise<void> {
  await page.getByTestId('sample-picker').click();
  await page.getByRole('option', { name: new RegExp(fileName.replace('.', '\\.')) }).click();
  await page.getByTestId('rule-valid').waitFor({ timeout: TIMEOUT });
}

async function evaluateAndWait(page: Page): Promise<void> {
  await page.getByTestId('evaluate').click();
  await page.getByTestId('summary').waitFor({ timeout: TIMEOUT });
}

const haveChromium = existsSync(CHROMIUM);

if (!haveChromium && !process.env.CI) {
  // A developer's machine without Chromium: say so and skip. CI takes the other branch and fails.
  console.warn(`test/browser/taskpane.test.ts skipped: ${CHROMIUM} is missing (apt-get install -y chromium).`);
  describe.skip(`the task pane in Chromium (skipped: ${CHROMIUM} is missing)`, () => {
    it('needs Chromium', () => undefined);
  });
} else {
  describe('the task pane in Chromium', () => {
    let browser: Browser | null = null;
    let server: Server | null = null;
    let base = '';
    let stub = '';
    let profile = '';
    let cli: Evaluation;
    let ledgerCells: HostCellValue[][];

    beforeAll(async () => {
      if (!haveChromium) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium package`);
      profile = mkdtempSync(path.join(tmpdir(), 'credit-cover-chromium-'));
      const [dist, bundled] = await Promise.all([
        buildAddin(),
        esbuild({
          entryPoints: [path.join(__dirname, 'office-stub.ts')],
          bundle: true,
          write: false,
          format: 'iife',
          platform: 'browser',
          target: 'es2020',
          logLevel: 'silent',
        }),
      ]);
      stub = bundled.outputFiles[0].text;
      server = await serve(dist);
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

      // The command line's answer for the same ledger, rule file and date: the reference.
      const json = path.join(profile, 'cli.json');
      const io = { out: () => undefined, err: (line: string) => console.error(line) };
      const code = await main(['evaluate', FIXTURE, '--rules', RULES, '--as-of', AS_OF, '--json', json], io);
      expect(code).toBe(0);
      cli = JSON.parse(readFileSync(json, 'utf8')) as Evaluation;
      // The CSV as Excel would show it with every column as text: the reader's table, cell for cell.
      ledgerCells = (await readTableFromFile(FIXTURE)).table.values as HostCellValue[][];

      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
        // Chromium's crash reporter and profile stay out of the home folder.
        env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
      });
      mkdirSync(SCREENSHOTS, { recursive: true });
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    it('in Excel, writes the columns, summary and policy the command line computes for the same ledger', async () => {
      const { page, log } = await openInExcel(browser as Browser, stub, base, {
        host: 'Excel',
        displayLanguage: 'fr-FR',
        sheets: [{ name: LEDGER_SHEET, values: ledgerCells }],
      });

      const fr = LABELS.fr;
      await page.getByText(fr.headerRow(4, fr.layouts.invoice)).waitFor({ timeout: TIMEOUT });
      expect(await page.getByTestId('demo-notice').count()).toBe(0);
      await chooseSample(page, 'fr-pme-globale.json');
      expect(await page.getByTestId('policy-hash').textContent()).toBe(cli.policy.hash);
      await page.getByTestId('as-of').fill(AS_OF);
      await evaluateAndWait(page);

      const state = await page.evaluate((sheet) => {
        const host = (window as unknown as { __creditCoverHost: MemoryWorkbook }).__creditCoverHost;
        const used = host.usedRange(sheet) as string;
        const store = (globalThis as unknown as Record<symbol, { state(): { kind: string } }>)[
          Symbol.for('credit-cover.policy-store')
        ];
        return {
          sheets: host.sheetNames(),
          ledger: host.values(sheet, used),
          summary: host.values('credit-cover', host.usedRange('credit-cover') as string),
          policy: host.setting('credit-cover.policy') as { hash: string; asOf: string; id: string },
          startup: (window as unknown as { __creditCoverStartup?: string }).__creditCoverStartup,
          functionsPolicy: store.state().kind,
        };
      }, LEDGER_SHEET);

      // The exposure columns: every data row against the command line's invoices.
      const labels = outputLabels('fr');
      const headerIndex = state.ledger.findIndex((row) => row.includes(labels.columns.status));
      expect(headerIndex).toBe(3);
      const header = state.ledger[headerIndex];
      const col = (text: string): number => header.indexOf(text);
      const [status, covered, uninsured] = [
        col(labels.columns.status),
        col(labels.columns.covered),
        col(labels.columns.uninsured),
      ];
      const notRead = new Set(cli.diagnostics.filter((d) => d.severity === 'error').map((d) => d.row));
      const checked: number[] = [];
      for (let i = headerIndex + 1; i < state.ledger.length; i++) {
        const row = i + 1;
        const lines = cli.invoices.filter((line) => line.row === row);
        const cells = [state.ledger[i][status], state.ledger[i][covered], state.ledger[i][uninsured]];
        if (lines.length === 1) {
          expect({ row, cells }).toEqual({
            row,
            cells: [labels.status[lines[0].status], lines[0].covered, lines[0].uninsured],
          });
          checked.push(row);
        } else if (notRead.has(row)) expect({ row, cells }).toEqual({ row, cells: [labels.notRead, null, null] });
        else expect({ row, cells }).toEqual({ row, cells: [null, null, null] });
      }
      expect(checked).toEqual(cli.invoices.map((line) => line.row));

      // The summary sheet: its totals are the command line's.
      expect(state.sheets).toEqual([LEDGER_SHEET, 'credit-cover']);
      const total = (label: string): unknown => state.summary.find((row) => row[0] === label)?.[1];
      const s = labels.summary;
      expect({
        open: total(s.open),
        eligible: total(s.eligible),
        insured: total(s.insured),
        overLimit: total(s.overLimit),
        covered: total(s.covered),
        uninsured: total(s.uninsured),
        claims: total(s.claims),
        portfolioIndemnity: total(s.portfolioIndemnity),
      }).toEqual({
        open: cli.totals.open,
        eligible: cli.totals.eligible,
        insured: cli.totals.insured,
        overLimit: cli.totals.overLimit,
        covered: cli.totals.covered,
        uninsured: cli.totals.uninsured,
        claims: cli.totals.claims,
        portfolioIndemnity: cli.totals.portfolioIndemnity,
      });

      // The policy is in the workbook, loads with it, and the custom functions answer from it.
      expect(state.policy).toMatchObject({ hash: cli.policy.hash, asOf: AS_OF, id: cli.policy.id });
      expect(state.startup).toBe('Load');
      expect(state.functionsPolicy).toBe('active');

      // The pane's totals are those figures, as the user reads them.
      const uninsuredCard = await page.getByTestId('total-uninsured').textContent();
      expect(uninsuredCard?.replace(/\s/g, ' ')).toContain(
        formatMoney(cli.totals.uninsured, 'EUR', fr).replace(/\s/g, ' '),
      );

      // Choosing a buyer selects its rows in the ledger.
      const buyer = cli.buyers.find((b) => cli.invoices.filter((l) => l.buyerId === b.buyerId).length > 1);
      if (buyer === undefined) throw new Error('the fixture has no buyer with several invoices');
      await page.locator(`[data-buyer="${buyer.buyerId}"]`).click();
      await page.getByTestId('selection').waitFor({ timeout: TIMEOUT });
      const selection = await page.evaluate(
        () => (window as unknown as { __creditCoverHost: MemoryWorkbook }).__creditCoverHost.selection,
      );
      const rows = cli.invoices.filter((l) => l.buyerId === buyer.buyerId).map((l) => l.row);
      expect(selection?.sheet).toBe(LEDGER_SHEET);
      expect(selection?.address).toContain(`${Math.min(...rows)}:`);

      await page.screenshot({ path: path.join(SCREENSHOTS, 'taskpane.png'), fullPage: true });
      expect(log.errors).toEqual([]);
      await page.context().close();
    }, 120_000);

    it('reopens a workbook with the policy it stores, ready to evaluate again', async () => {
      // The setting as the adapter writes it.
      const saved = new MemoryWorkbook().addSheet('S');
      const text = readFileSync(RULES, 'utf8');
      const loaded = loadRuleFile(text);
      if (!loaded.ok) throw new Error('the sample does not load');
      const { id, version } = loaded.policy.terms;
      await saved.run((c) => storePolicy(c, { ruleFileText: text, id, version, hash: loaded.hash, asOf: AS_OF }));
      const { page, log } = await openInExcel(browser as Browser, stub, base, {
        host: 'Excel',
        displayLanguage: 'en-US',
        sheets: [{ name: LEDGER_SHEET, values: ledgerCells }],
        settings: { [POLICY_SETTING]: saved.setting(POLICY_SETTING) },
      });
      await page.getByTestId('rule-valid').waitFor({ timeout: TIMEOUT });
      expect(await page.getByTestId('rule-tab-workbook').getAttribute('aria-selected')).toBe('true');
      expect(await page.getByTestId('policy-hash').textContent()).toBe(loaded.hash);
      await page.getByTestId('as-of').fill(AS_OF);
      await evaluateAndWait(page);
      expect(await page.getByTestId('total-uninsured').textContent()).toContain(
        formatMoney(cli.totals.uninsured, 'EUR', LABELS.en),
      );
      expect(log.errors).toEqual([]);
      await page.context().close();
    }, 60_000);

    it('outside Excel (office.js unreachable), says so and evaluates the built-in demo workbook', async () => {
      const context = await (browser as Browser).newContext({ viewport: PANE, locale: 'en-US' });
      await offline(context);
      const page = await context.newPage();
      const log = watch(page);
      await page.goto(`${base}/taskpane.html`);

      const en = LABELS.en;
      await page.getByTestId('demo-notice').getByText(en.demoNotice).waitFor({ timeout: TIMEOUT });

      // A local file is decoded as the command line decodes it: a byte-order mark is named, with its place.
      await page.getByTestId('rule-tab-file').click();
      await page.getByTestId('rule-file-input').setInputFiles({
        name: 'strict-bom.json',
        mimeType: 'application/json',
        buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(path.join(ROOT, 'rules', 'strict.json'))]),
      });
      await page
        .getByTestId('rule-errors')
        .getByText('(file): starts with a byte-order mark (BOM); save the file as UTF-8 without BOM')
        .waitFor({ timeout: TIMEOUT });
      // An address that is not https is refused, and said so.
      await page.getByTestId('rule-tab-url').click();
      await page.getByRole('textbox', { name: en.urlLabel }).fill('http://rules.example.com/policy.json');
      await page.getByRole('button', { name: en.load }).click();
      await page.getByTestId('pane-error').getByText(en.fetchErrors['not-https']('http')).waitFor({ timeout: TIMEOUT });

      await page.getByTestId('rule-tab-sample').click();
      await chooseSample(page, 'fr-pme-globale.json');
      expect(await page.getByTestId('pane-error').count()).toBe(0);
      // The demo balance is struck at 30/06/2027, and the date field offers that date.
      expect(await page.getByTestId('as-of').inputValue()).toBe(AS_OF);
      await evaluateAndWait(page);
      expect(await page.getByTestId('top-buyers').locator('[data-buyer]').count()).toBe(10);
      expect(await page.getByTestId('declarations').locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('diagnostics').locator('tbody tr').count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'taskpane-demo.png'), fullPage: true });
      // Without office.js, the failed request itself, and the two entries that need Office to start at all
      // (the custom functions register with CustomFunctions, the function file calls Office.onReady), may
      // complain; the pane must not.
      const expected = /ERR_FAILED|^pageerror: (Office|CustomFunctions) is not defined$/;
      expect(log.errors.filter((e) => !expected.test(e))).toEqual([]);
      await context.close();
    }, 60_000);

    it("outside Excel (Microsoft's office.js, no host), says so and works on the demo workbook", async () => {
      const context = await (browser as Browser).newContext({ viewport: PANE, locale: 'fr-FR' });
      await offline(context);
      // office.js and the files it loads from its own folder, from @microsoft/office-js.
      await context.route(`${OFFICE_JS_FOLDER}**`, (route) => {
        const file = path.join(OFFICE_JS_DIST, new URL(route.request().url()).pathname.slice('/lib/1/hosted/'.length));
        if (!file.startsWith(OFFICE_JS_DIST + path.sep) || !existsSync(file)) return route.fulfill({ status: 404 });
        return route.fulfill({ path: file, contentType: 'text/javascript; charset=utf-8' });
      });
      const page = await context.newPage();
      await page.goto(`${base}/taskpane.html`);
      await page.getByTestId('demo-notice').getByText(LABELS.fr.demoNotice).waitFor({ timeout: TIMEOUT });
      await chooseSample(page, 'strict.json');
      await evaluateAndWait(page);
      await context.close();
    }, 60_000);

    it('compares two policies side by side with the figures of `compare --json`, and writes nothing', async () => {
      // The command line's comparison of the same ledger: the reference.
      const json = path.join(profile, 'compare.json');
      const io = { out: () => undefined, err: (line: string) => console.error(line) };
      const code = await main(
        ['compare', FIXTURE, '--rules', RULES, '--rules', STRICT_RULES, '--as-of', AS_OF, '--json', json],
        io,
      );
      expect(code).toBe(0);
      const report = JSON.parse(readFileSync(json, 'utf8')) as ComparisonReport;
      expect(report.format).toBe('credit-cover/comparison@1');
      expect(report.policies.map((p) => p.key)).toEqual(['A', 'B']);

      const { page, log } = await openInExcel(browser as Browser, stub, base, {
        host: 'Excel',
        displayLanguage: 'fr-FR',
        sheets: [{ name: LEDGER_SHEET, values: ledgerCells }],
      });
      const fr = LABELS.fr;
      const workbook = () =>
        page.evaluate((sheet) => {
          const host = (window as unknown as { __creditCoverHost: MemoryWorkbook }).__creditCoverHost;
          return {
            sheets: host.sheetNames(),
            cells: host.values(sheet, host.usedRange(sheet) as string),
            policy: host.setting('credit-cover.policy') ?? null,
          };
        }, LEDGER_SHEET);
      await page.getByTestId('pane-tab-compare').click();
      // The Evaluate tab's sheet, read once, and the tab's promise not to write.
      await page.getByText(fr.headerRow(4, fr.layouts.invoice)).waitFor({ timeout: TIMEOUT });
      await page.getByTestId('compare-read-only').getByText(fr.compareNothingWritten).waitFor({ timeout: TIMEOUT });
      const before = await workbook();

      await page.getByTestId('compare-pick-fr-pme-globale').check();
      expect(await page.getByTestId('compare').isDisabled()).toBe(true);
      expect(await page.getByTestId('compare-needs').textContent()).toBe(fr.compareNeeds['too-few']);
      await page.getByTestId('compare-pick-strict').check();
      expect(await page.getByTestId('compare-key-fr-pme-globale').textContent()).toBe('A');
      expect(await page.getByTestId('compare-key-strict').textContent()).toBe('B');
      await page.getByTestId('as-of').fill(AS_OF);
      await page.getByTestId('compare').click();
      await page.getByTestId('comparison').waitFor({ timeout: TIMEOUT });

      // Covered and uninsured per policy, as the user reads them: the command line's figures.
      const text = (s: string | null): string => (s ?? '').replace(/\s/g, ' ');
      const table = page.getByTestId('compare-table');
      for (const policy of report.policies) {
        for (const figure of ['covered', 'uninsured'] as const) {
          const cell = table.locator(`[data-figure="${figure}"] [data-policy="${policy.key}"]`);
          expect({ policy: policy.key, figure, shown: text(await cell.textContent()) }).toEqual({
            policy: policy.key,
            figure,
            shown: text(formatMoney(policy.totals[figure], report.currency, fr)),
          });
        }
      }
      // The buyers whose cover differs, largest gap first, with the reason in French.
      const buyers = page.getByTestId('compare-buyers').locator('[data-buyer]');
      expect(await buyers.count()).toBe(Math.min(10, report.buyers.length));
      const [first] = report.buyers;
      expect(await buyers.first().getAttribute('data-buyer')).toBe(first.buyerId);
      const difference = first.differences[1];
      if (difference === null) throw new Error('the first differing buyer has no difference under B');
      expect(await buyers.first().locator('[data-reason="B"]').textContent()).toBe(
        fr.compareReason('B', differenceText(difference, 'A', 'B', 'fr')),
      );
      expect(await page.getByTestId('compare-chart').locator('[data-policy]').count()).toBe(2);

      // Nothing was written: the same sheets, the same cells, no policy stored.
      expect(await workbook()).toEqual(before);
      expect(before.policy).toBeNull();
      expect(before.sheets).toEqual([LEDGER_SHEET]);

      await page.screenshot({ path: path.join(SCREENSHOTS, 'taskpane-compare.png'), fullPage: true });
      // The Evaluate tab is where it was.
      await page.getByTestId('pane-tab-evaluate').click();
      await page.getByTestId('evaluate').waitFor({ timeout: TIMEOUT });
      expect(await page.getByTestId('as-of').inputValue()).toBe(AS_OF);
      expect(log.errors).toEqual([]);
      await page.context().close();
    }, 60_000);
  });
}
