/**
 * Deterministic aged balances for the export sample policy (`rules/export-monde.json`): about
 * 20,000 buyers over its country groups (EU, OECD, rest of the world, high-risk, sanctioned,
 * domestic), its currencies and EUR, a few credits, disputes and declared threats, invoice dates
 * in 2027 and due dates 30 to 180 days later, struck at 2027-12-31.
 *
 * The invoices come one at a time from `eachInvoice`, so a million rows can go to a file without
 * being held; the first n invoices of a longer ledger are exactly the n-invoice ledger.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIsoDay, type Cents, type Day, type InvoiceLedger, type InvoiceLine, type Policy } from '../src/domain';
import { loadRuleFile, type RuleFileJson } from '../src/rules';
import { Random } from './prng';

export const RULES_FILE = path.join('rules', 'export-monde.json');
export const AS_OF = '2027-12-31';
export const BUYER_COUNT = 20_000;
/** A worksheet's rows less its header row. */
export const EXCEL_FULL_ROWS = 1_048_575;

const SEED_BUYERS = 20270101;
const SEED_INVOICES = 20271231;

export interface BenchPolicy {
  policy: Policy;
  json: RuleFileJson;
}

let loadedPolicy: BenchPolicy | null = null;

export function benchPolicy(): BenchPolicy {
  if (loadedPolicy) return loadedPolicy;
  const loaded = loadRuleFile(readFileSync(RULES_FILE, 'utf8'), { fileName: RULES_FILE });
  if (!loaded.ok) throw new Error(`${RULES_FILE} does not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  loadedPolicy = { policy: loaded.policy, json: loaded.json };
  return loadedPolicy;
}

export function asOfDay(): Day {
  return parseIsoDay(AS_OF) as Day;
}

export interface BenchBuyer {
  id: string;
  name: string;
  country: string | null;
  buyerType: string | null;
  sector: string | null;
  /** The currency it is usually invoiced in. */
  currency: string;
  /** Pays late: its open items go back through the year (most buyers' items are recent). */
  latePayer: boolean;
}

export interface BenchInvoice {
  /** 0-based position in the ledger. */
  index: number;
  buyer: BenchBuyer;
  invoiceNo: string;
  invoiceDate: Day;
  dueDate: Day;
  /** Invoice amount in `currency` (negative for a credit note). */
  amount: Cents;
  /** Open amount in `currency`. */
  open: Cents;
  currency: string;
  /** null: the cell is left empty. */
  disputed: boolean | null;
  declaredOn: Day | null;
}

/** Country weights (percent of buyers), by the policy's groups. */
const COUNTRIES: readonly (readonly [string | null, number])[] = [
  // Domestic (excluded by the export policy).
  ['FR', 5],
  ['MC', 0.3],
  ['RE', 0.4],
  ['GP', 0.3],
  // Group 1, the EU.
  ['DE', 14],
  ['IT', 9],
  ['ES', 8],
  ['BE', 6],
  ['NL', 6],
  ['PL', 3],
  ['PT', 2],
  ['AT', 2],
  ['IE', 1],
  ['SE', 1],
  ['CZ', 1],
  ['RO', 1],
  ['GR', 1],
  ['DK', 1],
  // Group 2, OECD outside the EU.
  ['GB', 6],
  ['US', 6],
  ['CH', 3],
  ['JP', 1],
  ['CA', 1.5],
  ['NO', 0.5],
  ['TR', 1],
  ['MX', 0.5],
  ['KR', 0.5],
  // Group 3, rest of the world.
  ['CN', 2.5],
  ['MA', 2],
  ['IN', 1.5],
  ['BR', 1.2],
  ['AE', 1],
  ['SN', 0.8],
  ['TN', 1],
  ['DZ', 0.8],
  // Group 4, high risk.
  ['EG', 1],
  ['NG', 0.8],
  ['AR', 0.5],
  ['UA', 0.5],
  ['PK', 0.3],
  ['GH', 0.3],
  // Sanctioned.
  ['RU', 0.8],
  ['BY', 0.2],
  ['IR', 0.2],
  ['CU', 0.1],
  ['SY', 0.05],
  // Unknown.
  [null, 0.5],
];

const HIGH_RISK = new Set(['EG', 'NG', 'AR', 'UA', 'PK', 'GH']);
const REST = new Set(['CN', 'MA', 'IN', 'BR', 'AE', 'SN', 'TN', 'DZ', 'RU', 'BY', 'IR', 'CU', 'SY']);

/** The usual invoicing currency of a buyer in `country`: its own when the policy has a rate for it, else EUR or USD. */
function buyerCurrency(country: string | null, random: Random): string {
  const own: Record<string, readonly (readonly [string, number])[]> = {
    GB: [
      ['GBP', 85],
      ['EUR', 15],
    ],
    US: [
      ['USD', 90],
      ['EUR', 10],
    ],
    CH: [
      ['CHF', 70],
      ['EUR', 30],
    ],
    JP: [
      ['JPY', 80],
      ['USD', 20],
    ],
    CN: [
      ['CNY', 50],
      ['USD', 30],
      ['EUR', 20],
    ],
    CA: [
      ['CAD', 70],
      ['USD', 20],
      ['EUR', 10],
    ],
  };
  if (country !== null && own[country]) return random.weighted(own[country]);
  if (country !== null && (HIGH_RISK.has(country) || REST.has(country))) return random.chance(0.35) ? 'USD' : 'EUR';
  return 'EUR';
}

const NAME_STEMS = [
  'Atlas',
  'Nordic',
  'Iberia',
  'Delta',
  'Vega',
  'Orion',
  'Alpine',
  'Baltic',
  'Lumen',
  'Helios',
  'Sierra',
  'Aurora',
  'Kessler',
  'Ferraro',
  'Levante',
  'Hoshino',
  'Haitong',
  'Nile',
  'Brunner',
  'Whitfield',
  'Müller & Söhne',
  'Dupré',
  'Østergaard',
  'Lakeshore',
];
const NAME_TRADES = [
  'Trading',
  'Industrie',
  'Logistics',
  'Foods',
  'Components',
  'Distribution',
  'Maschinenbau',
  'Supply',
  'Agro',
  'Pharma',
];
const LEGAL_FORMS: Record<string, string> = {
  DE: 'GmbH',
  AT: 'GmbH',
  CH: 'AG',
  IT: 'S.p.A.',
  ES: 'S.L.',
  PT: 'Lda',
  BE: 'NV',
  NL: 'B.V.',
  GB: 'Ltd',
  IE: 'Ltd',
  US: 'Inc.',
  CA: 'Inc.',
  JP: 'Co., Ltd.',
  CN: 'Co., Ltd.',
  PL: 'sp. z o.o.',
  FR: 'SAS',
  MC: 'SAM',
};
/** Share of buyers whose unpaid items go back through the year. */
const LATE_PAYERS = 0.15;

const SECTORS: readonly (readonly [string | null, number])[] = [
  ['Industrie', 30],
  ['Distribution', 25],
  ['Agroalimentaire', 15],
  ['Transport', 10],
  ['BTP', 8],
  [null, 12],
];
const BUYER_TYPES: readonly (readonly [string | null, number])[] = [
  ['company', 85],
  [null, 8],
  ['Particulier', 3],
  ['individual', 1],
  ['Liée', 2],
  ['related', 1],
];

/** The policy's named buyers (first, so that their limits are used), then generated ones. */
function makeBuyers(json: RuleFileJson): BenchBuyer[] {
  const random = new Random(SEED_BUYERS);
  const out: BenchBuyer[] = [];
  for (const limit of json.limits ?? []) {
    const country = limit.buyer.startsWith('CHE-') ? 'CH' : limit.buyer.slice(0, 2);
    out.push({
      id: limit.buyer,
      name: (limit.note ?? limit.buyer).split(',')[0],
      country,
      buyerType: 'company',
      sector: random.weighted(SECTORS),
      currency: buyerCurrency(country, random),
      latePayer: random.chance(LATE_PAYERS),
    });
  }
  for (let i = out.length; i < BUYER_COUNT; i++) {
    const country = random.weighted(COUNTRIES);
    const prefix = country ?? 'XX';
    const id = random.chance(0.6)
      ? `${prefix}${String(i).padStart(5, '0')}${random.int(1000, 9999)}`
      : `CLI-${String(i).padStart(6, '0')}`;
    const form = (country !== null && LEGAL_FORMS[country]) || 'SA';
    out.push({
      id,
      name: `${random.pick(NAME_STEMS)} ${random.pick(NAME_TRADES)} ${form}`,
      country,
      buyerType: random.weighted(BUYER_TYPES),
      sector: random.weighted(SECTORS),
      currency: buyerCurrency(country, random),
      latePayer: random.chance(LATE_PAYERS),
    });
  }
  return out;
}

let buyerList: BenchBuyer[] | null = null;

export function benchBuyers(): BenchBuyer[] {
  buyerList ??= makeBuyers(benchPolicy().json);
  return buyerList;
}

const TERMS: readonly (readonly [number, number])[] = [
  [30, 25],
  [45, 20],
  [60, 25],
  [90, 15],
  [120, 8],
  [150, 3],
  [180, 4],
];

/** Calls `visit` with each of `n` invoices, in row order, the same ones on every run. */
export function eachInvoice(n: number, visit: (invoice: BenchInvoice) => void): void {
  const { policy } = benchPolicy();
  const rates = policy.fxRates;
  const buyers = benchBuyers();
  const random = new Random(SEED_INVOICES);
  const asOf = asOfDay();
  for (let i = 0; i < n; i++) {
    // A few big customers, a long tail: the buyer index is skewed, then scattered over the list.
    const skewed = Math.floor(BUYER_COUNT * Math.pow(random.next(), 1.6));
    const buyer = buyers[(skewed * 7919) % BUYER_COUNT];
    const currency = random.chance(0.95) ? buyer.currency : 'EUR';
    const rate = rates[currency];
    const toCurrency = rate === undefined ? 1 : rate.den / rate.num;
    // Invoice dates in 2027: a buyer who pays on time leaves only items issued within its term
    // (plus a few weeks) open; a late payer's open items go back through the year.
    const term = random.weighted(TERMS);
    const age = buyer.latePayer ? Math.floor(365 * Math.pow(random.next(), 1.5)) : random.int(0, term + 20);
    const invoiceDate = asOf - Math.min(364, age);
    const dueDate = invoiceDate + term;
    const eur = Math.min(400_000, Math.max(20, Math.exp(Math.log(1500) + 1.1 * random.normal())));
    const units = currency === 'JPY' ? Math.round(eur * toCurrency) : eur * toCurrency;
    let amount = Math.round(units * 100);
    let open = amount;
    const credit = random.chance(0.03);
    if (credit) {
      amount = -Math.max(100, Math.round(amount / 4));
      open = amount;
    } else if (random.chance(0.12)) {
      open = Math.max(1, Math.round(amount * (0.1 + 0.8 * random.next())));
    }
    const disputed = random.chance(0.025) ? true : random.chance(0.7) ? false : null;
    let declaredOn: Day | null = null;
    if (asOf - dueDate > 45 && random.chance(0.35)) declaredOn = Math.min(asOf, dueDate + random.int(15, 75));
    visit({
      index: i,
      buyer,
      invoiceNo: `${credit ? 'AV' : 'FA'}27-${String(i + 1).padStart(7, '0')}`,
      invoiceDate,
      dueDate,
      amount,
      open,
      currency,
      disputed,
      declaredOn,
    });
  }
}

/** The first `n` invoices as the core's ledger, rows numbered as under a header on row 1. */
export function invoiceLedger(n: number): InvoiceLedger {
  const invoices: InvoiceLine[] = [];
  eachInvoice(n, (inv) =>
    invoices.push({
      row: inv.index + 2,
      buyerId: inv.buyer.id,
      buyerName: inv.buyer.name,
      country: inv.buyer.country,
      sector: inv.buyer.sector,
      buyerType: inv.buyer.buyerType,
      invoiceNo: inv.invoiceNo,
      invoiceDate: inv.invoiceDate,
      dueDate: inv.dueDate,
      open: inv.open,
      amount: inv.amount,
      currency: inv.currency,
      disputed: inv.disputed,
      declaredOn: inv.declaredOn,
    }),
  );
  return { kind: 'invoice', invoices, hasAmountColumn: true, rowsRead: n, rowsSkipped: 0, diagnostics: [] };
}

/** The columns of the generated sheets, with French headers the reader knows. */
export const FRENCH_HEADERS = [
  'Code client',
  'Raison sociale',
  'Pays',
  'Type client',
  'Secteur',
  'N° facture',
  'Date facture',
  'Échéance',
  'Montant TTC',
  'Solde TTC',
  'Devise',
  'Litige',
  'Date déclaration',
] as const;
