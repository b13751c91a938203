/**
 * Column roles and the header names that claim them, in French and English, and explicit
 * overrides (`--map invoiceDate="Date pièce"`). Matching uses `labelKey`, so case, accents,
 * punctuation and spacing do not matter; a unit in brackets or a trailing currency (`Solde (€)`,
 * `Amount USD`) is ignored.
 */
import type { BucketDef, Diagnostic } from '../domain/types';
import { bucketFromHeader } from './buckets';
import { labelKey, MAX_HEADER_LENGTH } from './labels';

export type Role =
  | 'buyerId'
  | 'buyerName'
  | 'country'
  | 'invoiceNo'
  | 'invoiceDate'
  | 'dueDate'
  | 'open'
  | 'amount'
  | 'currency'
  | 'disputed'
  | 'declaredOn'
  | 'sector'
  | 'buyerType'
  | 'total';

export const ROLES: readonly Role[] = [
  'buyerId',
  'buyerName',
  'country',
  'invoiceNo',
  'invoiceDate',
  'dueDate',
  'open',
  'amount',
  'currency',
  'disputed',
  'declaredOn',
  'sector',
  'buyerType',
  'total',
];

/** How a role is named in messages. */
export const ROLE_LABELS: Record<Role, string> = {
  buyerId: 'buyer id',
  buyerName: 'buyer name',
  country: 'country',
  invoiceNo: 'invoice number',
  invoiceDate: 'invoice date',
  dueDate: 'due date',
  open: 'open amount',
  amount: 'amount',
  currency: 'currency',
  disputed: 'disputed',
  declaredOn: 'declared on',
  sector: 'sector',
  buyerType: 'buyer type',
  total: 'total',
};

type Lang = 'fr' | 'en';

/** Header names per role. `both` holds the names that do not tell the sheet's language. */
const NAMES: Record<Role, { fr: string[]; en: string[]; both?: string[] }> = {
  buyerId: {
    fr: [
      'Code client',
      'N° client',
      'Numéro client',
      'Numéro de client',
      'Num client',
      'Réf client',
      'Référence client',
      'ID client',
      'Identifiant client',
      'Compte',
      'Compte client',
      'N° compte',
      'Numéro de compte',
      'Tiers',
      'Code tiers',
      'N° tiers',
      'N° SIREN',
      'N° SIRET',
      'N° TVA',
      'Numéro de TVA',
      'N° TVA intracommunautaire',
      'TVA intracommunautaire',
      'Code acheteur',
      'Identifiant acheteur',
    ],
    en: [
      'Customer ID',
      'Customer number',
      'Customer no',
      'Customer code',
      'Customer ref',
      'Customer account',
      'Account',
      'Account number',
      'Account no',
      'Account code',
      'Buyer ID',
      'Buyer code',
      'Debtor ID',
      'Debtor number',
      'VAT number',
      'VAT no',
      'VAT ID',
      'Company number',
    ],
    both: ['SIREN', 'SIRET'],
  },
  buyerName: {
    fr: [
      'Client',
      'Nom client',
      'Nom du client',
      'Raison sociale',
      'Nom',
      'Acheteur',
      'Nom acheteur',
      'Débiteur',
      'Société',
      'Dénomination',
      'Libellé client',
      'Libellé compte',
      'Intitulé',
      'Intitulé compte',
    ],
    en: [
      'Customer',
      'Customer name',
      'Buyer',
      'Buyer name',
      'Name',
      'Company',
      'Company name',
      'Debtor',
      'Debtor name',
    ],
  },
  country: {
    fr: ['Pays', 'Code pays', 'Pays client'],
    en: ['Country', 'Country code', 'Customer country'],
  },
  invoiceNo: {
    fr: [
      'N° facture',
      'Numéro facture',
      'Numéro de facture',
      'Num facture',
      'Réf facture',
      'Facture',
      'Pièce',
      'N° pièce',
      'Numéro de pièce',
      'Réf pièce',
    ],
    en: [
      'Invoice',
      'Invoice number',
      'Invoice no',
      'Invoice #',
      'Invoice ref',
      'Invoice ID',
      'Document number',
      'Doc no',
    ],
    both: ['Document'],
  },
  invoiceDate: {
    fr: ['Date facture', 'Date de facture', 'Date de facturation', 'Date pièce', 'Date de pièce', "Date d'émission"],
    en: ['Invoice date', 'Document date', 'Date of invoice', 'Issue date'],
  },
  dueDate: {
    fr: ['Échéance', "Date d'échéance", 'Date échéance', 'Date limite de paiement'],
    en: ['Due date', 'Due', 'Payment due date', 'Date due'],
  },
  open: {
    fr: [
      'Solde',
      'Solde TTC',
      'Solde dû',
      'Solde restant',
      'Reste dû',
      'Restant dû',
      'Reste à payer',
      'Montant ouvert',
      'Montant restant',
      'Montant restant dû',
      'Montant dû',
      'Encours',
    ],
    en: [
      'Open amount',
      'Open',
      'Open balance',
      'Balance',
      'Balance due',
      'Amount due',
      'Amount outstanding',
      'Outstanding',
      'Outstanding amount',
      'Outstanding balance',
      'Remaining amount',
    ],
  },
  amount: {
    fr: ['Montant', 'Montant TTC', 'Montant facture', 'Montant de la facture', 'Montant initial', 'Montant pièce'],
    en: ['Amount', 'Invoice amount', 'Invoice total', 'Original amount', 'Gross amount', 'Document amount'],
  },
  currency: {
    fr: ['Devise', 'Monnaie', 'Code devise'],
    en: ['Currency', 'Currency code', 'Ccy', 'Cur'],
  },
  disputed: {
    fr: ['Litige', 'En litige', 'Litigieux', 'Contesté'],
    en: ['Disputed', 'Dispute', 'In dispute'],
  },
  declaredOn: {
    fr: ['Date déclaration', 'Date de déclaration', 'Déclaré le', 'Date de déclaration de menace'],
    en: ['Declared on', 'Declaration date', 'Date declared'],
  },
  sector: {
    fr: ['Secteur', "Secteur d'activité", 'Code NAF', 'NAF', 'Code APE', 'APE', 'Activité'],
    en: ['Sector', 'Industry', 'Industry code', 'NACE', 'NACE code', 'SIC', 'SIC code'],
  },
  buyerType: {
    fr: ['Type client', 'Type de client', 'Type acheteur', "Type d'acheteur", 'Catégorie client'],
    en: ['Buyer type', 'Customer type', 'Customer category'],
  },
  total: {
    fr: ['Total TTC', 'Solde total', 'Total dû', 'Total client'],
    en: ['Total balance', 'Total due', 'Total outstanding'],
    both: ['Total'],
  },
};

interface Claim {
  role: Role;
  lang: Lang | null;
}

function buildDictionary(): Map<string, Claim> {
  const dictionary = new Map<string, Claim>();
  for (const role of ROLES) {
    const names = NAMES[role];
    const entries: [string, Lang | null][] = [
      ...names.fr.map((n): [string, Lang] => [n, 'fr']),
      ...names.en.map((n): [string, Lang] => [n, 'en']),
      ...(names.both ?? []).map((n): [string, null] => [n, null]),
    ];
    for (const [name, lang] of entries) {
      const key = labelKey(name);
      const seen = dictionary.get(key);
      // A name claiming two roles would make detection depend on list order: fail loudly at load.
      if (seen && seen.role !== role) throw new Error(`header name "${name}" claims ${seen.role} and ${role}`);
      dictionary.set(key, { role, lang });
    }
  }
  return dictionary;
}

const DICTIONARY = buildDictionary();

/** Every header name a role is recognised by (for documentation and tests). */
export function roleNames(role: Role): string[] {
  const names = NAMES[role];
  return [...names.fr, ...names.en, ...(names.both ?? [])];
}

const UNIT_SUFFIX = /\s*(?:\([^)]*\)|\[[^\]]*\])\s*$/;
const CURRENCY_SUFFIX = /\s+(?:€|\$|£|eur|usd|gbp|chf)\s*$/i;

/** The keys a header is looked up by: itself, then without a unit in brackets or a trailing currency. */
function headerKeys(header: string): string[] {
  if (header.length > MAX_HEADER_LENGTH) return [];
  const keys = [labelKey(header)];
  const withoutUnit = header.replace(UNIT_SUFFIX, '');
  if (withoutUnit !== header) keys.push(labelKey(withoutUnit));
  const withoutCurrency = withoutUnit.replace(/\s*[€$£]\s*$/, '').replace(CURRENCY_SUFFIX, '');
  if (withoutCurrency !== withoutUnit) keys.push(labelKey(withoutCurrency));
  return keys.filter((k) => k !== '');
}

/** The role a header claims on its own, with the language its name is in. */
export function roleOfHeader(header: string): Claim | null {
  for (const key of headerKeys(header)) {
    const claim = DICTIONARY.get(key);
    if (claim) return claim;
  }
  return null;
}

/** Does `header` match the name given in an explicit mapping, under the same normalisation? */
function matchesName(header: string, name: string): boolean {
  const key = labelKey(name);
  return key !== '' && headerKeys(header).includes(key);
}

export interface MappedColumn {
  /** 0-based column index. */
  index: number;
  /** The header as shown in the sheet. */
  header: string;
}

export interface BucketColumn extends MappedColumn {
  def: BucketDef;
}

/** What each column of the header row means. */
export interface HeaderMapping {
  columns: Partial<Record<Role, MappedColumn>>;
  buckets: BucketColumn[];
  /** The language most recognised headers are in, or null when it cannot be told. */
  language: Lang | null;
  /** Columns that claim nothing (ignored). */
  ignored: MappedColumn[];
  /** Duplicate claims (warnings) and explicit mappings that cannot be satisfied (errors). */
  diagnostics: Diagnostic[];
}

export type RoleOverrides = Partial<Record<Role, string>>;

/** Maps one header row. `row` is the 1-based sheet row of the headers, for diagnostics. */
export function mapHeaders(headers: readonly string[], row: number, overrides: RoleOverrides = {}): HeaderMapping {
  const columns: Partial<Record<Role, MappedColumn>> = {};
  const buckets: BucketColumn[] = [];
  const ignored: MappedColumn[] = [];
  const diagnostics: Diagnostic[] = [];
  const votes = { fr: 0, en: 0 };

  const overridden = new Map<number, Role>();
  for (const [key, name] of Object.entries(overrides)) {
    if (name === undefined) continue;
    if (!(ROLES as readonly string[]).includes(key)) {
      diagnostics.push({
        row: null,
        code: 'map-unknown-role',
        severity: 'error',
        message: `mapping: "${key}" is not a column role (roles: ${ROLES.join(', ')})`,
      });
      continue;
    }
    const role = key as Role;
    const index = headers.findIndex((h) => h.trim() === name.trim());
    const found = index >= 0 ? index : headers.findIndex((h) => h !== '' && matchesName(h, name));
    if (found < 0) {
      diagnostics.push({
        row,
        code: 'map-unsatisfied',
        severity: 'error',
        message: `mapping: no column "${name}" for ${ROLE_LABELS[role]} (${role}); headers seen on row ${row}: ${listHeaders(headers)}`,
      });
      continue;
    }
    const other = overridden.get(found);
    if (other) {
      diagnostics.push({
        row,
        column: headers[found],
        code: 'map-conflict',
        severity: 'error',
        message: `mapping: column "${headers[found]}" is given both as ${other} and as ${role}`,
      });
      continue;
    }
    overridden.set(found, role);
    columns[role] = { index: found, header: headers[found] ?? '' };
  }

  headers.forEach((header, index) => {
    if (header === '') return;
    if (overridden.has(index)) return;
    const claim = roleOfHeader(header);
    if (claim) {
      if (claim.lang) votes[claim.lang] += 1;
      const first = columns[claim.role];
      if (first && overridden.get(first.index) === claim.role) {
        // The role was mapped explicitly to another column: this one loses its claim quietly.
        ignored.push({ index, header });
        return;
      }
      if (first) {
        diagnostics.push({
          row,
          column: header,
          code: 'duplicate-column',
          severity: 'warning',
          message: `columns "${first.header}" and "${header}" both read as ${ROLE_LABELS[claim.role]}: the first one is used`,
        });
        ignored.push({ index, header });
        return;
      }
      columns[claim.role] = { index, header };
      return;
    }
    const def = bucketFromHeader(header);
    if (def) {
      const same = buckets.find((b) => b.def.notDue === def.notDue && b.def.from === def.from && b.def.to === def.to);
      if (same) {
        diagnostics.push({
          row,
          column: header,
          code: 'duplicate-column',
          severity: 'warning',
          message: `columns "${same.header}" and "${header}" are the same age bucket: the first one is used`,
        });
        ignored.push({ index, header });
        return;
      }
      buckets.push({ index, header, def });
      return;
    }
    ignored.push({ index, header });
  });

  const language = votes.fr > votes.en ? 'fr' : votes.en > votes.fr ? 'en' : null;
  return { columns, buckets, language, ignored, diagnostics };
}

/** Headers for messages: the non-empty ones, quoted, in column order. */
export function listHeaders(headers: readonly string[]): string {
  const shown = headers.filter((h) => h !== '').map((h) => `"${h}"`);
  return shown.length > 0 ? shown.join(', ') : '(none)';
}
