/**
 * An insurer's limit export (one row per decision) read from a table: the header row found among
 * the first rows by its French or English names, each cell read with the ledger reader's parsers
 * (ids keep their leading zeros; `1 234,56 €` and `$1,234.56`; Excel dates, ISO and dd/mm/yyyy).
 * Every row that cannot be read is an error naming its row and column: a limit import is all or nothing.
 */
import { formatIsoDay } from '../domain/days';
import type { LimitDecision, LimitDecisionKind } from '../rules';
import type { Cell, Table } from '../sheet';
import { scanAmount, resolveAmbiguous, type Convention } from '../sheet/amounts';
import { readText } from '../sheet/cells';
import { dayFromOrderedParts, scanDate, type DateOrder, type DateScan } from '../sheet/dates';
import { headerText, labelKey, normaliseLabel } from '../sheet/labels';
import { columnLetter, isBlank, type CellError } from '../sheet/table';

type Column = 'buyer' | 'name' | 'amount' | 'validFrom' | 'validTo' | 'decision' | 'reference';

const HEADERS: Record<Column, { fr: string[]; en: string[] }> = {
  buyer: {
    fr: [
      'Code acheteur',
      'N° acheteur',
      'Numéro acheteur',
      'Identifiant acheteur',
      'ID acheteur',
      'SIREN',
      'N° SIREN',
      'SIRET',
      'Code client',
      'N° client',
      'N° TVA',
      'Numéro de TVA',
      'Identifiant',
    ],
    en: [
      'Buyer ID',
      'Buyer code',
      'Buyer number',
      'Buyer no',
      'Buyer reference',
      'Customer ID',
      'Customer code',
      'Debtor ID',
      'Debtor number',
      'VAT number',
      'Company number',
      'Registration number',
    ],
  },
  name: {
    fr: ['Raison sociale', 'Nom acheteur', "Nom de l'acheteur", 'Acheteur', 'Nom', 'Dénomination'],
    en: ['Buyer name', 'Buyer', 'Name', 'Company name', 'Debtor name', 'Customer name'],
  },
  amount: {
    fr: [
      'Montant agréé',
      'Montant accordé',
      'Montant',
      'Agrément',
      "Montant de l'agrément",
      'Limite',
      'Limite de crédit',
      'Limite accordée',
    ],
    en: ['Amount', 'Amount granted', 'Approved amount', 'Limit', 'Credit limit', 'Limit amount', 'Decision amount'],
  },
  validFrom: {
    fr: ["Date d'effet", 'Date effet', 'Date de début', 'Début', 'Valable du', 'À compter du', 'Du'],
    en: ['Valid from', 'Effective date', 'Effective from', 'Start date', 'Start', 'From'],
  },
  validTo: {
    fr: ['Date de fin', 'Fin', "Date d'expiration", 'Valable au', "Jusqu'au", 'Au'],
    en: ['Valid to', 'Valid until', 'End date', 'Expiry date', 'Expiry', 'Until', 'To'],
  },
  decision: {
    fr: ['Décision', 'Type de décision', 'Statut', 'Nature de la décision'],
    en: ['Decision', 'Decision type', 'Status'],
  },
  reference: {
    fr: ['Référence', 'Référence décision', 'N° décision', 'Numéro de décision'],
    en: ['Reference', 'Decision reference', 'Decision number', 'Decision no'],
  },
};

const DECISIONS: Record<LimitDecisionKind, string[]> = {
  granted: [
    'accorde',
    'accordee',
    'accord',
    'accord total',
    'agree',
    'agreee',
    'agrement',
    'augmente',
    'augmentee',
    'nouveau',
    'nouvel agrement',
    'renouvele',
    'granted',
    'approved',
    'accepted',
    'increased',
    'new',
    'renewed',
  ],
  reduced: [
    'reduit',
    'reduite',
    'reduction',
    'accord partiel',
    'diminue',
    'reduced',
    'partial',
    'partially approved',
    'decreased',
  ],
  cancelled: [
    'resilie',
    'resiliee',
    'resiliation',
    'annule',
    'annulee',
    'retire',
    'retrait',
    'cancelled',
    'canceled',
    'withdrawn',
    'terminated',
  ],
  refused: ['refuse', 'refusee', 'refus', 'refused', 'declined', 'rejected'],
};

const DECISION_OF = new Map<string, LimitDecisionKind>();
for (const [kind, words] of Object.entries(DECISIONS) as [LimitDecisionKind, string[]][])
  for (const word of words) DECISION_OF.set(word, kind);

const KEY_OF = new Map<string, { column: Column; lang: 'fr' | 'en' }>();
for (const [column, names] of Object.entries(HEADERS) as [Column, { fr: string[]; en: string[] }][])
  for (const lang of ['fr', 'en'] as const)
    for (const name of names[lang]) if (!KEY_OF.has(labelKey(name))) KEY_OF.set(labelKey(name), { column, lang });

export class LimitsTableError extends Error {
  constructor(readonly problems: string[]) {
    super(problems[0] ?? 'the limit export cannot be read');
    this.name = 'LimitsTableError';
  }
}

const HEADER_SCAN_ROWS = 30;

interface Header {
  index: number;
  columns: Partial<Record<Column, number>>;
  headers: string[];
  lang: 'fr' | 'en';
}

function findHeader(table: Table): Header | null {
  const last = Math.min(table.values.length, HEADER_SCAN_ROWS);
  for (let index = 0; index < last; index++) {
    const headers = (table.values[index] ?? []).map(headerText);
    const columns: Partial<Record<Column, number>> = {};
    let fr = 0;
    let en = 0;
    headers.forEach((h, c) => {
      const found = KEY_OF.get(labelKey(h));
      if (found === undefined || columns[found.column] !== undefined) return;
      columns[found.column] = c;
      if (found.lang === 'fr') fr++;
      else en++;
    });
    if (columns.buyer !== undefined && (columns.amount !== undefined || columns.decision !== undefined))
      return { index, columns, headers, lang: fr >= en ? 'fr' : 'en' };
  }
  return null;
}

export interface LimitsTableOptions {
  dateOrder?: DateOrder;
}

/** The decisions of an export, in row order. Throws LimitsTableError listing every unreadable row. */
export function readLimitDecisions(table: Table, options: LimitsTableOptions = {}): LimitDecision[] {
  const header = findHeader(table);
  if (header === null)
    throw new LimitsTableError([
      'no header row with a buyer column (Code acheteur, SIREN, Buyer ID …) and an amount or decision column ' +
        '(Montant agréé, Amount, Décision, Decision …) in the first 30 rows',
    ]);
  const { columns } = header;
  const missing = (['validFrom', 'decision'] as const).filter((c) => columns[c] === undefined);
  if (missing.length > 0)
    throw new LimitsTableError(
      missing.map((c) =>
        c === 'validFrom'
          ? "no valid-from column (Date d'effet, Valid from …): a decision needs its date"
          : 'no decision column (Décision, Decision …): granted, reduced, cancelled or refused',
      ),
    );
  const problems: string[] = [];
  const rows: { row: number; cells: Cell[] }[] = [];
  for (let i = header.index + 1; i < table.values.length; i++) {
    const cells = table.values[i] ?? [];
    if (cells.every((c) => isBlank(c))) continue;
    rows.push({ row: i + 1, cells });
  }
  const at = (column: Column, r: { cells: Cell[] }): Cell => {
    const c = columns[column];
    return c === undefined ? null : (r.cells[c] ?? null);
  };
  const place = (column: Column, row: number): string =>
    `row ${row}, column ${columnLetter(columns[column] as number)} (${header.headers[columns[column] as number]})`;
  const formatAt = (column: Column, row: number): string | null => {
    const c = columns[column];
    return c === undefined ? null : (table.formats?.[row - 1]?.[c] ?? null);
  };

  // Dates: the day/month order of `a/b/yyyy` text is decided once for both date columns.
  const scans = new Map<string, DateScan>();
  let order: DateOrder | null = options.dateOrder ?? null;
  let dmy = false;
  let mdy = false;
  for (const r of rows)
    for (const column of ['validFrom', 'validTo'] as const) {
      const scan = scanDate(at(column, r), formatAt(column, r.row));
      scans.set(`${column}:${r.row}`, scan);
      if (scan.kind === 'parts') {
        if (scan.first > 12) dmy = true;
        if (scan.second > 12) mdy = true;
      }
    }
  if (order === null) {
    if (dmy && mdy) problems.push('the date columns mix day/month and month/day orders; give --date-order dmy or mdy');
    order = dmy ? 'dmy' : mdy ? 'mdy' : header.lang === 'fr' ? 'dmy' : null;
  }
  const day = (column: 'validFrom' | 'validTo', r: { row: number }): string | null | undefined => {
    const scan = scans.get(`${column}:${r.row}`) as DateScan;
    if (scan.kind === 'blank') return null;
    if (scan.kind === 'bad') {
      problems.push(`${place(column, r.row)}: ${scan.reason}`);
      return undefined;
    }
    if (scan.kind === 'day') return formatIsoDay(scan.day);
    if (order === null) {
      problems.push(
        `${place(column, r.row)}: "${scan.text}" could be day/month or month/day; give --date-order dmy or mdy`,
      );
      return undefined;
    }
    const d = dayFromOrderedParts(scan, order);
    if (d === null) {
      problems.push(`${place(column, r.row)}: "${scan.text}" is not a calendar date`);
      return undefined;
    }
    return formatIsoDay(d);
  };

  // Amounts: `1,234` / `1.234` read by the column's other cells, else by the headers' language.
  let evidence: Convention | null = null;
  for (const r of rows) {
    const scan = scanAmount(at('amount', r));
    if (scan.kind === 'amount' && scan.evidence !== null) evidence ??= scan.evidence;
  }
  const convention: Convention = evidence ?? header.lang;

  const decisions: LimitDecision[] = [];
  for (const r of rows) {
    const before = problems.length;
    const buyer = readText(at('buyer', r), formatAt('buyer', r.row));
    if (!buyer.ok) problems.push(`${place('buyer', r.row)}: ${buyer.reason}`);
    else if (buyer.value === null) problems.push(`${place('buyer', r.row)}: no buyer id`);

    const decisionCell = at('decision', r);
    const word = typeof decisionCell === 'string' ? normaliseLabel(decisionCell) : '';
    const decision = DECISION_OF.get(word);
    if (decision === undefined)
      problems.push(
        `${place('decision', r.row)}: ${describe(decisionCell)} is not a decision; expected accordé, réduit, résilié, refusé ` +
          '(or granted, reduced, cancelled, refused)',
      );

    let amount: number | null = null;
    const scan = scanAmount(at('amount', r));
    if (scan.kind === 'amount') amount = scan.cents / 100;
    else if (scan.kind === 'ambiguous') {
      const value = resolveAmbiguous(scan, convention);
      if (value === null) problems.push(`${place('amount', r.row)}: too large an amount`);
      else amount = value.cents / 100;
    } else if (scan.kind === 'bad') problems.push(`${place('amount', r.row)}: ${scan.reason}`);
    if (amount !== null && amount < 0) problems.push(`${place('amount', r.row)}: a limit is not negative`);

    const validFrom = day('validFrom', r);
    const validTo = day('validTo', r);
    if (validFrom === null)
      problems.push(`${place('validFrom', r.row)}: no date; a decision needs the date it takes effect`);

    const name = readText(at('name', r), formatAt('name', r.row));
    const reference = readText(at('reference', r), formatAt('reference', r.row));
    const decisionWord = typeof decisionCell === 'string' ? decisionCell.trim() : '';
    const note = [name.ok ? name.value : null, reference.ok ? reference.value : null, decisionWord]
      .filter((x): x is string => x !== null && x !== '')
      .join(' – ');
    if (problems.length > before) continue;
    decisions.push({
      row: r.row,
      buyer: (buyer as { value: string }).value,
      decision: decision as LimitDecisionKind,
      amount,
      validFrom: validFrom as string,
      validTo: validTo ?? null,
      note: note === '' ? null : note,
    });
  }
  if (problems.length > 0) throw new LimitsTableError(problems);
  return decisions;
}

function describe(cell: Cell): string {
  if (cell === null) return 'an empty cell';
  if (typeof cell === 'object' && !(cell instanceof Date)) return (cell as CellError).error;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return `"${String(cell).trim()}"`;
}
