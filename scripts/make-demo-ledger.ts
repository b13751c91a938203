/**
 * Generates samples/balance-agee-demo.xlsx: a realistic French aged balance (balance âgée clients)
 * for the demo and the task pane's built-in workbook. Deterministic: the same file every run.
 *
 *   npx tsx scripts/make-demo-ledger.ts [out.xlsx]
 *
 * About 300 buyers and 5,000 open items at 30/06/2027: title rows above the header, credit notes,
 * disputes, declared overdues, foreign currencies (one without an exchange rate in the policy),
 * private individuals, public and related buyers, overdue items in every age bucket, a grand total.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dayFromParts, excelSerialFromDay, formatIsoDay } from '../src/domain';

const AS_OF = dayFromParts(2027, 6, 30);
const BUYERS = 300;

/** mulberry32: a small seeded PRNG, so the sample is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(20270630);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const weighted = <T>(items: readonly [T, number][]): T => {
  let r = rand() * items.reduce((a, [, w]) => a + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
};

/** A SIREN with a valid Luhn check digit (some start with 0, as real ones do). */
function siren(): string {
  const digits = Array.from({ length: 8 }, (_, i) => (i === 0 && rand() < 0.15 ? 0 : Math.floor(rand() * 10)));
  const sum = (ds: number[]) =>
    ds.reduce((acc, d, i) => {
      const v = i % 2 === 1 ? d * 2 : d;
      return acc + (v > 9 ? v - 9 : v);
    }, 0);
  for (let check = 0; check < 10; check++) if (sum([...digits, check]) % 10 === 0) return [...digits, check].join('');
  throw new Error('unreachable');
}

const PREFIXES = ['SARL', 'SAS', 'SA', 'EURL', 'SASU'];
const STEMS = [
  'Ateliers',
  'Boulangeries',
  'Transports',
  'Menuiserie',
  'Garage',
  'Imprimerie',
  'Distribution',
  'Laboratoires',
  'Constructions',
  'Métallerie',
  'Fromageries',
  'Pharmacie',
  'Électricité',
  'Plomberie',
  'Textiles',
  'Vins',
];
const PLACES = [
  'du Rhône',
  'de Bretagne',
  'Lefèvre',
  'Martin & Fils',
  'du Nord',
  'Provençales',
  'Girard',
  'de l’Ouest',
  'Dubois',
  'Alpines',
  'Moreau',
  'Atlantique',
  'Garnier',
  'de Lorraine',
  'Roux',
  'Normandes',
  'Petit',
  'Océane',
];
const SECTORS: [string, number][] = [
  ['Industrie', 30],
  ['Commerce de gros', 25],
  ['BTP', 15],
  ['Services', 20],
  ['Transport', 10],
];

interface Buyer {
  id: string;
  name: string;
  country: string;
  type: string;
  sector: string;
  currency: string;
}

function buyers(namedIds: string[]): Buyer[] {
  const out: Buyer[] = [];
  const used = new Set<string>();
  for (let i = 0; i < BUYERS; i++) {
    let id = i < namedIds.length ? namedIds[i] : siren();
    while (used.has(id)) id = siren();
    used.add(id);
    const type =
      i < namedIds.length
        ? 'entreprise'
        : weighted([
            ['entreprise', 93],
            ['particulier', 3],
            ['public', 2.5],
            ['liée', 1.5],
          ]);
    const name =
      type === 'particulier'
        ? `${pick(['M.', 'Mme'])} ${pick(['Bernard', 'Thomas', 'Robert', 'Richard', 'Durand', 'Leroy', 'Simon'])}`
        : type === 'public'
          ? `${pick(['Commune de', 'Syndicat des eaux de', 'Centre hospitalier de'])} ${pick(['Valence', 'Quimper', 'Arras', 'Gap', 'Niort'])}`
          : `${pick(PREFIXES)} ${pick(STEMS)} ${pick(PLACES)}`;
    const country =
      i < namedIds.length
        ? 'FR'
        : weighted([
            ['FR', 93],
            ['MC', 1],
            ['RE', 1.5],
            ['GP', 1],
            ['BE', 2],
            ['DE', 1.5],
          ]);
    // Foreign buyers are invoiced in their own currency or in euros; CHF has no rate in the sample policy.
    const currency =
      country === 'FR' || country === 'MC' || country === 'RE' || country === 'GP'
        ? weighted([
            ['EUR', 98],
            ['USD', 1.5],
            ['GBP', 0.5],
          ])
        : weighted([
            ['EUR', 50],
            ['USD', 25],
            ['GBP', 15],
            ['CHF', 10],
          ]);
    out.push({ id, name, country, type, sector: weighted(SECTORS), currency });
  }
  return out;
}

interface Item {
  buyer: Buyer;
  no: string;
  date: number;
  due: number;
  amount: number;
  open: number;
  currency: string;
  disputed: boolean;
  declaredOn: number | null;
}

function items(all: Buyer[], limits: Map<string, number>): Item[] {
  const out: Item[] = [];
  let invoiceNo = 27000;
  let creditNo = 1200;
  for (const buyer of all) {
    const limit = limits.get(buyer.id);
    // Named buyers run close to their limit; the others are small accounts, mostly within the discretionary limit.
    const count = limit !== undefined ? 45 + Math.floor(rand() * 40) : Math.max(1, Math.round(Math.exp(rand() * 4.2)));
    const target = limit !== undefined ? Math.max(limit, 12000) * (0.75 + rand() * 0.6) : 0;
    // Most buyers pay on time; some are slow; a few have very old unpaid items (and so trigger stop-shipment).
    const behaviour =
      limit !== undefined
        ? weighted([
            ['good', 70],
            ['slow', 30],
          ])
        : weighted([
            ['good', 72],
            ['slow', 22],
            ['bad', 6],
          ]);
    for (let k = 0; k < count; k++) {
      const term = weighted([
        [30, 35],
        [45, 30],
        [60, 25],
        [90, 8],
        [120, 2],
      ]);
      const slack = behaviour === 'good' ? 10 : behaviour === 'slow' ? 55 : k < 2 ? 60 + Math.floor(rand() * 150) : 40;
      const age = behaviour === 'bad' && k < 2 ? term + slack : Math.floor(rand() * (term + slack));
      const date = AS_OF - age;
      const base = limit !== undefined ? (target / count) * (0.3 + rand() * 1.4) : Math.exp(4.6 + rand() * 2.6);
      const cents = Math.round(base * 100) / 100;
      const paidPart = rand() < 0.15 ? Math.round(cents * (0.2 + rand() * 0.6) * 100) / 100 : 0;
      const overdueDays = age - term;
      out.push({
        buyer,
        no: `FA${String(invoiceNo++).padStart(7, '0')}`,
        date,
        due: date + term,
        amount: cents,
        open: Math.round((cents - paidPart) * 100) / 100,
        currency: buyer.currency,
        disputed: rand() < 0.02,
        declaredOn: overdueDays > 40 && rand() < 0.5 ? date + term + 20 + Math.floor(rand() * 25) : null,
      });
      if (rand() < 0.02) {
        const credit = -Math.round(cents * (0.1 + rand() * 0.5) * 100) / 100;
        const creditDate = Math.min(AS_OF - 1, date + 10 + Math.floor(rand() * 30));
        out.push({
          buyer,
          no: `AV${String(creditNo++).padStart(6, '0')}`,
          date: creditDate,
          due: creditDate,
          amount: credit,
          open: credit,
          currency: buyer.currency,
          disputed: false,
          declaredOn: null,
        });
      }
    }
  }
  // An ERP export lists items by account, then by date.
  return out.sort((a, b) => (a.buyer.id < b.buyer.id ? -1 : a.buyer.id > b.buyer.id ? 1 : a.date - b.date));
}

export async function makeDemoLedger(outPath: string, policyPath: string): Promise<{ rows: number; buyers: number }> {
  const policy = JSON.parse(readFileSync(policyPath, 'utf8')) as { limits?: { buyer: string; amount: number }[] };
  const limits = new Map<string, number>();
  for (const l of policy.limits ?? []) limits.set(l.buyer, Math.max(limits.get(l.buyer) ?? 0, l.amount));
  const all = buyers([...limits.keys()]);
  const list = items(all, limits);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'credit-cover demo';
  workbook.created = new Date(Date.UTC(2027, 5, 30));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('Balance âgée');
  sheet.addRow(['SAS Exemple Industrie — balance âgée clients']);
  sheet.addRow([`Arrêtée au 30/06/2027 — ${list.length} pièces ouvertes, ${all.length} comptes`]);
  sheet.addRow([]);
  const header = [
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
  ];
  sheet.addRow(header).font = { bold: true };
  const toDate = (d: number) => new Date(Date.UTC(1970, 0, 1) + d * 86400000);
  for (const it of list) {
    sheet.addRow([
      it.buyer.id,
      it.buyer.name,
      it.buyer.country,
      it.buyer.type,
      it.buyer.sector,
      it.no,
      toDate(it.date),
      toDate(it.due),
      it.amount,
      it.open,
      it.currency,
      it.disputed ? 'Oui' : 'Non',
      it.declaredOn === null ? null : toDate(it.declaredOn),
    ]);
  }
  const first = 5;
  const last = 4 + list.length;
  const total = sheet.addRow(['Total général']);
  total.font = { bold: true };
  const sum = (col: string, key: 'amount' | 'open') => ({
    formula: `SUBTOTAL(9,${col}${first}:${col}${last})`,
    result: Math.round(list.reduce((a, it) => a + it[key] * 100, 0)) / 100,
  });
  total.getCell(9).value = sum('I', 'amount');
  total.getCell(10).value = sum('J', 'open');
  for (const col of [7, 8, 13]) sheet.getColumn(col).numFmt = 'dd/mm/yyyy';
  for (const col of [9, 10]) sheet.getColumn(col).numFmt = '#,##0.00';
  sheet.getColumn(1).numFmt = '@';
  [12, 34, 6, 12, 18, 13, 12, 12, 14, 14, 7, 7, 15].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  await workbook.xlsx.writeFile(outPath);
  return { rows: list.length, buyers: all.length };
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const out = process.argv[2] ?? path.join(root, 'samples', 'balance-agee-demo.xlsx');
  void makeDemoLedger(out, path.join(root, 'rules', 'fr-pme-globale.json')).then(({ rows, buyers: n }) =>
    console.log(
      `${out}: ${rows} open items, ${n} buyers, as of ${formatIsoDay(AS_OF)} (serial ${excelSerialFromDay(AS_OF)})`,
    ),
  );
}
