/**
 * The messages the custom functions show on an error cell, in English and French (Office's display
 * language decides). An argument is named as the user sees it in the formula tooltip: the English
 * parameter name, or its French name from the committed translation table `names.fr.json`.
 */
import FRENCH from './names.fr.json';

export type Lang = 'en' | 'fr';

/** The function ids, as in the metadata (`COVER.<ID>`). */
export type FunctionId =
  | 'INSURED_LIMIT'
  | 'LIMIT_KIND'
  | 'INDEMNITY_PERCENT'
  | 'COVERED'
  | 'UNINSURED'
  | 'COVER_STATUS'
  | 'DECLARE_BY'
  | 'CLAIMABLE_ON'
  | 'POLICY';

/** Office's display language (`fr-FR`, `fr-CA`, `en-US` …) as one of ours; English unless French. */
export function langOf(displayLanguage: string | null | undefined): Lang {
  return typeof displayLanguage === 'string' && /^fr\b/i.test(displayLanguage) ? 'fr' : 'en';
}

/** The parameter `param` of `fn` as the user sees it in Excel in `lang`. */
export function argumentName(lang: Lang, fn: FunctionId, param: string): string {
  if (lang === 'en') return param;
  const entry = (FRENCH.functions as Record<string, { parameters: Record<string, { name: string }> }>)[fn];
  return entry?.parameters[param]?.name ?? param;
}

export interface Texts {
  noPolicy: string;
  pending: string;
  /** `detail` is technical and in English (rule-file errors are). */
  unreadablePolicy(detail: string): string;
  missing(arg: string): string;
  expectedBuyer(arg: string, got: string): string;
  expectedAmount(arg: string, got: string): string;
  expectedDate(arg: string, got: string): string;
  /** Serial 60: Excel shows 29/02/1900, a day that never was. */
  phantomDay(arg: string): string;
  expectedYesNo(arg: string, got: string): string;
  expectedField(arg: string, got: string, known: readonly string[]): string;
  /** `term` is the rule-file name of a policy term the policy does not set. */
  noTerm(term: string): string;
  noDeclarationDeadline: string;
  noWaitingPeriod: string;
  internal(detail: string): string;
  /** A value as quoted in a message. */
  describe(value: unknown): string;
}

function describeWith(words: { empty: string; range: string; yes: string; no: string; other: string }) {
  return (value: unknown): string => {
    if (value === null || value === undefined || value === '') return words.empty;
    if (Array.isArray(value)) return words.range;
    if (typeof value === 'boolean') return value ? words.yes : words.no;
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 37) + '…' : value);
    return words.other;
  };
}

const EN: Texts = {
  noPolicy: 'No credit-cover policy in this workbook',
  pending: 'The credit-cover policy of this workbook is still loading',
  unreadablePolicy: (detail) =>
    `The credit-cover policy stored in this workbook cannot be read (${detail}); load the rule file again from the task pane`,
  missing: (arg) => `${arg}: a value is required`,
  expectedBuyer: (arg, got) => `${arg}: expected a buyer id (text or number), got ${got}`,
  expectedAmount: (arg, got) => `${arg}: expected an amount, got ${got}`,
  expectedDate: (arg, got) => `${arg}: expected a date (a date cell or YYYY-MM-DD text), got ${got}`,
  phantomDay: (arg) => `${arg}: serial 60 is 29/02/1900, a day Excel shows but that never was`,
  expectedYesNo: (arg, got) => `${arg}: expected TRUE or FALSE (or Yes/No, 1/0), got ${got}`,
  expectedField: (arg, got, known) => `${arg}: unknown policy field ${got}; known fields: ${known.join(', ')}`,
  noTerm: (term) => `The policy sets no ${term}`,
  noDeclarationDeadline: 'The policy sets no declaration deadline (declarationDeadlineDays)',
  noWaitingPeriod: 'The policy sets no waiting period before indemnity (indemnityWaitingDays)',
  internal: (detail) => `credit-cover internal error (please report it): ${detail}`,
  describe: describeWith({ empty: 'an empty value', range: 'a range', yes: 'TRUE', no: 'FALSE', other: 'a value' }),
};

const FR: Texts = {
  noPolicy: 'Aucune police credit-cover dans ce classeur',
  pending: 'La police credit-cover du classeur est en cours de chargement',
  unreadablePolicy: (detail) =>
    `La police credit-cover enregistrée dans ce classeur est illisible (${detail}) ; rechargez le fichier de règles depuis le volet`,
  missing: (arg) => `${arg} : valeur obligatoire`,
  expectedBuyer: (arg, got) => `${arg} : identifiant d'acheteur attendu (texte ou nombre), reçu ${got}`,
  expectedAmount: (arg, got) => `${arg} : montant attendu, reçu ${got}`,
  expectedDate: (arg, got) => `${arg} : date attendue (cellule date ou texte AAAA-MM-JJ), reçu ${got}`,
  phantomDay: (arg) =>
    `${arg} : le numéro de série 60 est le 29/02/1900, un jour qu'Excel affiche mais qui n'a jamais existé`,
  expectedYesNo: (arg, got) => `${arg} : VRAI ou FAUX attendu (ou Oui/Non, 1/0), reçu ${got}`,
  expectedField: (arg, got, known) =>
    `${arg} : donnée de police inconnue ${got} ; données connues : ${known.join(', ')}`,
  noTerm: (term) => `La police ne fixe pas de valeur pour ${term}`,
  noDeclarationDeadline: 'La police ne fixe pas de délai de déclaration (declarationDeadlineDays)',
  noWaitingPeriod: "La police ne fixe pas de délai d'indemnisation (indemnityWaitingDays)",
  internal: (detail) => `erreur interne de credit-cover (merci de la signaler) : ${detail}`,
  describe: describeWith({
    empty: 'une valeur vide',
    range: 'une plage',
    yes: 'VRAI',
    no: 'FAUX',
    other: 'une valeur',
  }),
};

export function texts(lang: Lang): Texts {
  return lang === 'fr' ? FR : EN;
}
