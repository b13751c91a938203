/**
 * User-facing text of what credit-cover writes back into a workbook, in French and English.
 * Plain data, shared by every host (the CLI through ExcelJS, the add-in through Office.js).
 *
 * (Named `output-labels` because `labels.ts` already holds the header normalisation of the reader.)
 */
import type { InvoiceStatus, LimitKind } from '../domain';

export type Lang = 'fr' | 'en';

/** The columns credit-cover appends right of the ledger, in this order. */
export const EXPOSURE_COLUMN_KEYS = [
  'status',
  'reason',
  'insured',
  'covered',
  'uninsured',
  'declareBy',
  'claimableOn',
  'flags',
] as const;

export type ExposureColumnKey = (typeof EXPOSURE_COLUMN_KEYS)[number];

export type Severity = 'error' | 'warning' | 'info';

export interface OutputLabels {
  columns: Record<ExposureColumnKey, string>;
  status: Record<InvoiceStatus, string>;
  /** Status of a row the reader reported (could not read) or set aside before the evaluation. */
  notRead: string;
  reasons: Record<KnownReason, string>;
  flags: Record<KnownFlag, string>;
  limitKind: Record<LimitKind, string>;
  level: Record<'invoice' | 'bucket', string>;
  severity: Record<Severity, string>;
  /** Age buckets of the chart at invoice level, youngest first. */
  ageBuckets: readonly [string, string, string, string, string, string];
  summary: SummaryLabels;
}

export interface SummaryLabels {
  title: string;
  /** `{date}` and `{level}` are replaced. */
  subtitle: string;
  policyHeading: string;
  policyId: string;
  policyName: string;
  insurer: string;
  version: string;
  hash: string;
  currency: string;
  asOf: string;
  level: string;
  totalsHeading: string;
  open: string;
  eligible: string;
  insured: string;
  overLimit: string;
  covered: string;
  uninsured: string;
  claims: string;
  portfolioIndemnity: string;
  /** `{reason}` is replaced. */
  excludedBy: string;
  countsHeading: string;
  rowsRead: string;
  rowsEvaluated: string;
  rowsSkipped: string;
  rowsReported: string;
  buyersHeading: string;
  buyerId: string;
  buyerName: string;
  country: string;
  limitKind: string;
  limit: string;
  percent: string;
  claim: string;
  flags: string;
  declarationsHeading: string;
  declarationsNote: string;
  row: string;
  invoiceNo: string;
  bucket: string;
  dueDate: string;
  daysOverdue: string;
  declareBy: string;
  chartHeading: string;
  chartTitle: string;
  ageBucket: string;
  diagnosticsHeading: string;
  column: string;
  severity: string;
  code: string;
  message: string;
  none: string;
}

export const KNOWN_REASONS = [
  'outside-period',
  'carence',
  'credit-period',
  'disputed',
  'declaration-late',
  'stop-shipment',
  'no-limit',
] as const;
export type KnownReason = (typeof KNOWN_REASONS)[number];

export const KNOWN_FLAGS = ['declare-soon', 'below-minimum', 'check-declaration'] as const;
export type KnownFlag = (typeof KNOWN_FLAGS)[number];

const FR: OutputLabels = {
  columns: {
    status: 'Statut',
    reason: 'Motif',
    insured: 'Assuré',
    covered: 'Couvert',
    uninsured: 'Non couvert',
    declareBy: 'Déclarer avant',
    claimableOn: 'Indemnisable le',
    flags: 'Alertes',
  },
  status: {
    covered: 'Couvert',
    partial: 'Partiel',
    'over-limit': 'Hors limite',
    excluded: 'Exclu',
    credit: 'Avoir',
  },
  notRead: 'Non lu',
  reasons: {
    'outside-period': 'Hors période de la police',
    carence: 'Délai de carence',
    'credit-period': 'Délai de crédit dépassé',
    disputed: 'Litige',
    'declaration-late': 'Déclaration hors délai',
    'stop-shipment': 'Arrêt des livraisons (prorogation dépassée)',
    'no-limit': 'Pas de limite de crédit',
  },
  flags: {
    'declare-soon': 'Déclarer bientôt',
    'below-minimum': "Sous le seuil d'intervention",
    'check-declaration': 'Vérifier les déclarations',
  },
  limitKind: { named: 'Dénommée', discretionary: 'Discrétionnaire', none: 'Aucune' },
  level: { invoice: 'facture', bucket: 'balance âgée' },
  severity: { error: 'Erreur', warning: 'Avertissement', info: 'Information' },
  ageBuckets: ['Non échu', '1-30', '31-60', '61-90', '91-120', '> 120'],
  summary: {
    title: 'Synthèse credit-cover',
    subtitle: 'Au {date}, niveau {level}',
    policyHeading: 'Police',
    policyId: 'Référence',
    policyName: 'Nom',
    insurer: 'Assureur',
    version: 'Version',
    hash: 'Empreinte du fichier de règles',
    currency: 'Devise',
    asOf: 'Date d’arrêté',
    level: 'Niveau',
    totalsHeading: 'Totaux',
    open: 'Encours',
    eligible: 'Éligible',
    insured: 'Assuré',
    overLimit: 'Au-delà des limites',
    covered: 'Couvert',
    uninsured: 'Non couvert',
    claims: 'Indemnités (par acheteur)',
    portfolioIndemnity: 'Indemnité du portefeuille',
    excludedBy: 'Exclu : {reason}',
    countsHeading: 'Lignes',
    rowsRead: 'Lues',
    rowsEvaluated: 'Évaluées',
    rowsSkipped: 'Ignorées',
    rowsReported: 'Signalées (non lues)',
    buyersHeading: 'Acheteurs',
    buyerId: 'Identifiant',
    buyerName: 'Nom',
    country: 'Pays',
    limitKind: 'Type de limite',
    limit: 'Limite',
    percent: 'Quotité',
    claim: 'Indemnité',
    flags: 'Alertes',
    declarationsHeading: 'À déclarer',
    declarationsNote: 'Impayés éligibles dont le délai de déclaration court encore (sauf déjà déclarés).',
    row: 'Ligne',
    invoiceNo: 'Facture',
    bucket: 'Tranche',
    dueDate: 'Échéance',
    daysOverdue: 'Jours de retard',
    declareBy: 'Déclarer avant',
    chartHeading: 'Par ancienneté',
    chartTitle: 'Couvert et non couvert par ancienneté',
    ageBucket: 'Ancienneté',
    diagnosticsHeading: 'Diagnostics',
    column: 'Colonne',
    severity: 'Gravité',
    code: 'Code',
    message: 'Message',
    none: 'Aucun',
  },
};

const EN: OutputLabels = {
  columns: {
    status: 'Status',
    reason: 'Reason',
    insured: 'Insured',
    covered: 'Covered',
    uninsured: 'Uninsured',
    declareBy: 'Declare by',
    claimableOn: 'Claimable on',
    flags: 'Flags',
  },
  status: {
    covered: 'Covered',
    partial: 'Partial',
    'over-limit': 'Over limit',
    excluded: 'Excluded',
    credit: 'Credit',
  },
  notRead: 'Not read',
  reasons: {
    'outside-period': 'Outside the policy period',
    carence: 'Waiting period (carence)',
    'credit-period': 'Credit period too long',
    disputed: 'Disputed',
    'declaration-late': 'Declared too late',
    'stop-shipment': 'Stop-shipment (extension exceeded)',
    'no-limit': 'No credit limit',
  },
  flags: {
    'declare-soon': 'Declare soon',
    'below-minimum': 'Below minimum claim',
    'check-declaration': 'Check declarations',
  },
  limitKind: { named: 'Named', discretionary: 'Discretionary', none: 'None' },
  level: { invoice: 'invoice', bucket: 'aged balance' },
  severity: { error: 'Error', warning: 'Warning', info: 'Info' },
  ageBuckets: ['Not due', '1-30', '31-60', '61-90', '91-120', '> 120'],
  summary: {
    title: 'credit-cover summary',
    subtitle: 'As of {date}, {level} level',
    policyHeading: 'Policy',
    policyId: 'Reference',
    policyName: 'Name',
    insurer: 'Insurer',
    version: 'Version',
    hash: 'Rule file fingerprint',
    currency: 'Currency',
    asOf: 'As of',
    level: 'Level',
    totalsHeading: 'Totals',
    open: 'Open',
    eligible: 'Eligible',
    insured: 'Insured',
    overLimit: 'Over limit',
    covered: 'Covered',
    uninsured: 'Uninsured',
    claims: 'Claims (per buyer)',
    portfolioIndemnity: 'Portfolio indemnity',
    excludedBy: 'Excluded: {reason}',
    countsHeading: 'Rows',
    rowsRead: 'Read',
    rowsEvaluated: 'Evaluated',
    rowsSkipped: 'Skipped',
    rowsReported: 'Reported (not read)',
    buyersHeading: 'Buyers',
    buyerId: 'Buyer id',
    buyerName: 'Name',
    country: 'Country',
    limitKind: 'Limit kind',
    limit: 'Limit',
    percent: 'Indemnity',
    claim: 'Claim',
    flags: 'Flags',
    declarationsHeading: 'To declare',
    declarationsNote: 'Eligible overdue items whose declaration deadline has not passed (unless already declared).',
    row: 'Row',
    invoiceNo: 'Invoice',
    bucket: 'Bucket',
    dueDate: 'Due date',
    daysOverdue: 'Days overdue',
    declareBy: 'Declare by',
    chartHeading: 'By age',
    chartTitle: 'Covered and uninsured by age bucket',
    ageBucket: 'Age bucket',
    diagnosticsHeading: 'Diagnostics',
    column: 'Column',
    severity: 'Severity',
    code: 'Code',
    message: 'Message',
    none: 'None',
  },
};

const LABELS: Record<Lang, OutputLabels> = { fr: FR, en: EN };

export function outputLabels(lang: Lang): OutputLabels {
  return LABELS[lang];
}

const RULE_PREFIX = 'rule:';

/** A reason code as the user reads it; `rule:<x>` is the rule file's own reason `x`, shown as written. */
export function reasonText(code: string, lang: Lang): string {
  if (code.startsWith(RULE_PREFIX)) return code.slice(RULE_PREFIX.length);
  const known = LABELS[lang].reasons as Record<string, string>;
  return known[code] ?? code;
}

/**
 * A flag code as the user reads it. Rule flags carry their message in the evaluation's
 * `flagMessages`; an unknown code is shown as is rather than hidden.
 */
export function flagText(code: string, lang: Lang, flagMessages: Record<string, string> = {}): string {
  const known = LABELS[lang].flags as Record<string, string>;
  return known[code] ?? flagMessages[code] ?? code;
}

/** The header texts of the exposure columns, in column order. */
export function exposureHeaders(lang: Lang): string[] {
  return EXPOSURE_COLUMN_KEYS.map((key) => LABELS[lang].columns[key]);
}

/** Every language's header texts, so a re-run recognises the columns of a previous run in either language. */
export function allExposureHeaderSets(): { lang: Lang; headers: string[] }[] {
  return (Object.keys(LABELS) as Lang[]).map((lang) => ({ lang, headers: exposureHeaders(lang) }));
}

/** Every language's summary title: how a re-run recognises the summary sheet it wrote. */
export function allSummaryTitles(): string[] {
  return (Object.keys(LABELS) as Lang[]).map((lang) => LABELS[lang].summary.title);
}
