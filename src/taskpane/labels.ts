/**
 * Every text the task pane shows, in French and English: Office's display language decides
 * (`fr-*` → French, anything else → English). What the pane shares with the sheet it writes
 * (statuses, reasons, the summary's figure names) comes from `sheet/output-labels`, so a total is
 * called the same in the pane and on the `credit-cover` sheet.
 */
import type { Role } from '../sheet';
import { outputLabels, type Lang, type OutputLabels } from '../sheet/output-labels';
import type { FetchErrorCode } from './fetch-rules';

export type { Lang };

export type RuleSourceKind = 'sample' | 'file' | 'url' | 'paste' | 'workbook';
export type Phase = 'reading' | 'evaluating' | 'writing' | 'storing';
/** What the pane was doing when something failed. */
export type ErrorStep = 'sheet' | 'rules' | Phase | 'select' | 'compare';
/** The pane's two tabs: the evaluation that writes into the workbook, and the comparison that does not. */
export type PaneTab = 'evaluate' | 'compare';
/** The steps of a comparison, for its progress bar. */
export type ComparePhase = 'reading' | 'evaluating' | 'comparing';
/** Why Compare cannot run yet (`compare-selection.ts`). */
export type CompareProblem = 'too-few' | 'currencies' | 'no-ledger';

export interface Labels {
  lang: Lang;
  /** The sheet's own vocabulary (statuses, reasons, summary figures): one source with the workbook. */
  output: OutputLabels;
  /** BCP 47 locale for numbers and dates. */
  locale: string;
  appTitle: string;
  appSubtitle: string;
  connecting: string;
  startFailed: string;
  demoNotice: string;
  demoNoticeDetail: string;
  dismiss: string;

  sheetSection: string;
  sheetLabel: string;
  sheetPlaceholder: string;
  sheetReading: string;
  sheetEmpty: string;
  headerRow: (row: number, layout: string) => string;
  layouts: Record<'invoice' | 'bucket', string>;
  rowsPreview: (rows: number, unreadable: number) => string;
  columnsFound: (found: number) => string;
  mappingTitle: string;
  mappingHint: string;
  notFound: string;
  resetMapping: string;
  buckets: (list: string) => string;
  noLedgerTitle: string;
  roles: Record<Role, string>;

  ruleSection: string;
  sources: Record<RuleSourceKind, string>;
  samplePlaceholder: string;
  sampleLabel: string;
  workbookPolicy: (policy: string) => string;
  chooseFile: string;
  noFileChosen: string;
  urlLabel: string;
  urlHint: string;
  load: string;
  pasteLabel: string;
  pastePlaceholder: string;
  check: string;
  ruleLoading: string;
  ruleInvalidTitle: (count: number) => string;
  ruleValidTitle: string;
  policyId: string;
  policyVersion: string;
  insurer: string;
  hash: string;
  fetchErrors: Record<FetchErrorCode, (detail: string) => string>;
  notUtf8: string;
  fileTooLarge: (bytes: number) => string;
  pasteNotJson: string;

  asOfLabel: string;
  asOfHint: string;
  asOfInvalid: string;

  evaluationSection: string;
  evaluate: string;
  evaluateNeeds: string;
  phases: Record<Phase | 'done', string>;

  resultTitle: string;
  resultSubtitle: (date: string, policy: string) => string;
  written: (address: string, summarySheet: string) => string;
  storedPolicy: string;
  keyFigures: string;
  otherFigures: string;
  topBuyersTitle: string;
  topBuyersHint: string;
  buyer: string;
  ofOpen: (open: string) => string;
  selectedRows: (count: number, rows: string) => string;
  selectionTruncated: (selected: number, requested: number) => string;
  declarationsTitle: string;
  declarationsHint: string;
  invoice: string;
  declareBy: string;
  daysLeft: (days: number) => string;
  diagnosticsTitle: string;
  diagnosticCounts: (counts: { error: number; warning: number; info: number }) => string;
  row: string;
  column: string;
  message: string;
  none: string;
  more: (count: number) => string;

  paneTabs: Record<PaneTab, string>;
  compareLedgerHint: string;
  compareAsOfHint: string;
  comparePoliciesSection: string;
  comparePoliciesHint: (max: number) => string;
  compareLoaded: string;
  compareLimit: (max: number) => string;
  compareSection: string;
  compare: string;
  compareNothingWritten: string;
  compareNeeds: Record<CompareProblem, string>;
  comparePhases: Record<ComparePhase, string>;
  compareResultTitle: string;
  compareSubtitle: (date: string, sheet: string) => string;
  comparePolicies: string;
  compareFigure: string;
  potentialIndemnity: string;
  excludedHeading: string;
  annualCost: string;
  costProblems: Record<'no-cost-terms' | 'no-turnover', string>;
  expectedNetHeading: string;
  expectedNetHint: string;
  /** The default scenarios by name; a scenario file's own names are shown as written. */
  scenarioNames: Record<string, string>;
  compareChartTitle: string;
  compareChartBar: (key: string, covered: string, uninsured: string) => string;
  compareBuyersTitle: string;
  compareBuyersHint: (reference: string) => string;
  compareBuyersCount: (differ: number, buyers: number) => string;
  compareNoDifference: string;
  compareMoreBuyers: (count: number) => string;
  /** A buyer's reason under policy `key`, against the reference. */
  compareReason: (key: string, text: string) => string;

  errorTitles: Record<ErrorStep, string>;
  wouldOverwriteCells: (address: string) => string;
  wouldOverwriteSummary: (address: string) => string;
  ledgerSheetNamed: (name: string) => string;
  excelError: (code: string, message: string) => string;
  unexpected: (message: string) => string;
}

const FETCH_EN: Record<FetchErrorCode, (detail: string) => string> = {
  'bad-url': (d) => `"${d}" is not a web address.`,
  'not-https': (d) => `Only https addresses are accepted, not ${d}.`,
  credentials: (d) =>
    `The address holds a user name or password (${d}): give the address without them; a rule file is meant to be readable by the clients it is sent to.`,
  'http-status': (d) => `The server answered ${d}.`,
  'content-type': (d) => `The server sent ${d || 'no content type'}, not JSON (application/json).`,
  'too-large': (d) => `The file is larger than 5 MB (${d}).`,
  timeout: (d) => `No complete answer within ${d} seconds.`,
  network: (d) =>
    `The file could not be downloaded (${d}). The server must allow this add-in to read it (CORS), or download the file and choose it from the File tab.`,
  'not-utf8': () => 'The file is not UTF-8 text; save the rule file as UTF-8.',
};

const FETCH_FR: Record<FetchErrorCode, (detail: string) => string> = {
  'bad-url': (d) => `« ${d} » n'est pas une adresse web.`,
  'not-https': (d) => `Seules les adresses https sont acceptées, pas ${d}.`,
  credentials: (d) =>
    `L'adresse contient un identifiant ou un mot de passe (${d}) : donnez l'adresse sans eux ; un fichier de règles est fait pour être lu par les clients à qui il est envoyé.`,
  'http-status': (d) => `Le serveur a répondu ${d}.`,
  'content-type': (d) => `Le serveur a envoyé ${d || 'un contenu sans type'}, pas du JSON (application/json).`,
  'too-large': (d) => `Le fichier dépasse 5 Mo (${d}).`,
  timeout: (d) => `Pas de réponse complète en ${d} secondes.`,
  network: (d) =>
    `Le fichier n'a pas pu être téléchargé (${d}). Le serveur doit autoriser ce complément à le lire (CORS) ; sinon, téléchargez le fichier et choisissez-le dans l'onglet Fichier.`,
  'not-utf8': () => "Le fichier n'est pas du texte UTF-8 : enregistrez le fichier de règles en UTF-8.",
};

const EN: Labels = {
  lang: 'en',
  output: outputLabels('en'),
  locale: 'en-US',
  appTitle: 'Credit cover',
  appSubtitle: 'Trade credit insurance on your aged balance',
  connecting: 'Connecting to Excel…',
  startFailed: 'The pane could not start',
  demoNotice: 'Not running in Excel: using a built-in demo workbook',
  demoNoticeDetail: 'A French aged balance of 60 rows, struck at 30/06/2027. Nothing is saved.',
  dismiss: 'Dismiss',

  sheetSection: 'Ledger',
  sheetLabel: 'Sheet',
  sheetPlaceholder: 'Choose a sheet',
  sheetReading: 'Reading the sheet…',
  sheetEmpty: 'This sheet is empty.',
  headerRow: (row, layout) => `Headers on row ${row} · ${layout}`,
  layouts: { invoice: 'one row per invoice', bucket: 'one row per buyer, by age bucket' },
  rowsPreview: (rows, unreadable) =>
    `${rows} row${rows === 1 ? '' : 's'} to evaluate${unreadable > 0 ? `, ${unreadable} unreadable (see Diagnostics after evaluating)` : ''}`,
  columnsFound: (found) => `${found} column${found === 1 ? '' : 's'} recognised`,
  mappingTitle: 'Columns',
  mappingHint: 'Choose the right header where a column was misread.',
  notFound: 'Not found',
  resetMapping: 'Back to the detected columns',
  buckets: (list) => `Age buckets: ${list}`,
  noLedgerTitle: 'No ledger found on this sheet',
  roles: {
    buyerId: 'Buyer id',
    buyerName: 'Buyer name',
    country: 'Country',
    invoiceNo: 'Invoice number',
    invoiceDate: 'Invoice date',
    dueDate: 'Due date',
    open: 'Open amount',
    amount: 'Invoice amount',
    currency: 'Currency',
    disputed: 'Disputed',
    declaredOn: 'Declared on',
    sector: 'Sector',
    buyerType: 'Buyer type',
    total: 'Total',
  },

  ruleSection: 'Policy rule file',
  sources: { sample: 'Samples', file: 'File', url: 'Web', paste: 'Paste', workbook: 'Workbook' },
  samplePlaceholder: 'Choose a sample policy',
  sampleLabel: 'Sample policy',
  workbookPolicy: (policy) => `The policy stored in this workbook: ${policy}.`,
  chooseFile: 'Choose a file…',
  noFileChosen: 'No file chosen',
  urlLabel: 'https address of the rule file',
  urlHint: 'JSON, 5 MB at most.',
  load: 'Load',
  pasteLabel: 'Rule file (JSON)',
  pastePlaceholder: '{ "format": "credit-cover/rules@1", … }',
  check: 'Check',
  ruleLoading: 'Loading the rule file…',
  ruleInvalidTitle: (n) => `The rule file has ${n} error${n === 1 ? '' : 's'}`,
  ruleValidTitle: 'Valid rule file',
  policyId: 'Policy',
  policyVersion: 'Version',
  insurer: 'Insurer',
  hash: 'Hash',
  fetchErrors: FETCH_EN,
  notUtf8: 'not UTF-8 text; save the rule file as UTF-8',
  fileTooLarge: (bytes) => `${bytes} bytes; a rule file may not exceed 5 MB`,
  pasteNotJson: 'Paste the text of a rule file first.',

  asOfLabel: 'As-of date',
  asOfHint: 'The date the balance is struck at; stored with the result.',
  asOfInvalid: 'Enter a date.',

  evaluationSection: 'Evaluation',
  evaluate: 'Evaluate',
  evaluateNeeds: 'Needs a sheet with a ledger, a valid rule file and a date.',
  phases: {
    reading: 'Reading the sheet…',
    evaluating: 'Evaluating…',
    writing: 'Writing the results…',
    storing: 'Storing the policy in the workbook…',
    done: 'Done',
  },

  resultTitle: 'Result',
  resultSubtitle: (date, policy) => `As of ${date} · ${policy}`,
  written: (address, sheet) => `Columns written in ${address}; summary on the sheet “${sheet}”.`,
  storedPolicy: 'The policy is stored in the workbook: the COVER functions use it.',
  keyFigures: 'Totals',
  otherFigures: 'Details',
  topBuyersTitle: 'Largest uninsured exposures',
  topBuyersHint: 'Select a buyer to select its rows in the sheet.',
  buyer: 'Buyer',
  ofOpen: (open) => `of ${open} open`,
  selectedRows: (n, rows) => `${n} row${n === 1 ? '' : 's'} selected in the sheet: ${rows}`,
  selectionTruncated: (selected, requested) =>
    `Excel selected the first ${selected} of ${requested} rows: the selection was too large.`,
  declarationsTitle: 'To declare to the insurer',
  declarationsHint: 'Overdue insured invoices whose declaration deadline has not passed, earliest first.',
  invoice: 'Invoice',
  declareBy: 'Declare by',
  daysLeft: (d) => (d === 0 ? 'today' : d === 1 ? 'in 1 day' : `in ${d} days`),
  diagnosticsTitle: 'Diagnostics',
  diagnosticCounts: ({ error, warning, info }) =>
    `${error} error${error === 1 ? '' : 's'} (red) · ${warning} warning${warning === 1 ? '' : 's'} (orange) · ${info} note${info === 1 ? '' : 's'}`,
  row: 'Row',
  column: 'Column',
  message: 'Message',
  none: 'None.',
  more: (n) => `… and ${n} more on the summary sheet.`,

  paneTabs: { evaluate: 'Evaluate', compare: 'Compare' },
  compareLedgerHint: 'The same sheet, columns and as-of date as the Evaluate tab.',
  compareAsOfHint: 'The date the balance is struck at, for every policy.',
  comparePoliciesSection: 'Policies to compare',
  comparePoliciesHint: (max) =>
    `Choose 2 to ${max} rule files, in one currency. The first one ticked in this list is A, the reference the others are explained against.`,
  compareLoaded: 'Loaded in the Evaluate tab',
  compareLimit: (max) => `At most ${max} policies side by side.`,
  compareSection: 'Comparison',
  compare: 'Compare',
  compareNothingWritten: 'Nothing is written into the workbook: the comparison is shown here only.',
  compareNeeds: {
    'too-few': 'Choose at least 2 policies.',
    currencies: 'The policies must be in the same currency to be compared side by side.',
    'no-ledger': 'Needs a sheet with a ledger and a date.',
  },
  comparePhases: {
    reading: 'Reading the sheet…',
    evaluating: 'Evaluating under each policy…',
    comparing: 'Comparing…',
  },
  compareResultTitle: 'Side by side',
  compareSubtitle: (date, sheet) => `As of ${date} · sheet “${sheet}”`,
  comparePolicies: 'Policies',
  compareFigure: 'Figure',
  potentialIndemnity: 'Potential indemnity',
  excludedHeading: 'Excluded',
  annualCost: 'Annual cost (premium + fees)',
  costProblems: { 'no-cost-terms': 'no cost in the file', 'no-turnover': 'no turnover' },
  expectedNetHeading: 'Expected net, 1 year',
  expectedNetHint: 'Expected indemnity − annual cost − recovery commission, under default scenarios.',
  scenarioNames: { base: 'Base year', stressed: 'Recession year' },
  compareChartTitle: 'Covered and uninsured',
  compareChartBar: (key, covered, uninsured) => `Policy ${key}: covered ${covered}, uninsured ${uninsured}`,
  compareBuyersTitle: 'Buyers whose cover differs',
  compareBuyersHint: (reference) => `Largest gap in covered amount first; each reason is against policy ${reference}.`,
  compareBuyersCount: (differ, buyers) => `${differ} of ${buyers} buyer${buyers === 1 ? '' : 's'}`,
  compareNoDifference: 'Every buyer is covered the same under these policies.',
  compareMoreBuyers: (n) => `… and ${n} more.`,
  compareReason: (key, text) => `${key}: ${text}`,

  errorTitles: {
    sheet: 'The sheet could not be read',
    rules: 'The rule file could not be loaded',
    reading: 'The sheet could not be read',
    evaluating: 'The evaluation failed',
    writing: 'The results could not be written',
    storing: 'The policy could not be stored in the workbook',
    select: 'The rows could not be selected',
    compare: 'The comparison failed',
  },
  wouldOverwriteCells: (address) =>
    `Nothing was written: the results would go over your data in ${address}. Move or clear those cells, then evaluate again.`,
  wouldOverwriteSummary: (address) =>
    `Nothing was written: a sheet named “credit-cover” exists and is not credit-cover's summary (${address}). Rename it, then evaluate again.`,
  ledgerSheetNamed: (name) => `The ledger sheet is named “${name}”, the name of the summary sheet: rename it first.`,
  excelError: (code, message) => `Excel: ${message}${code ? ` (${code})` : ''}`,
  unexpected: (message) => `Unexpected error: ${message}`,
};

const FR: Labels = {
  lang: 'fr',
  output: outputLabels('fr'),
  locale: 'fr-FR',
  appTitle: 'Assurance-crédit',
  appSubtitle: 'Votre balance âgée face à votre police',
  connecting: 'Connexion à Excel…',
  startFailed: "Le volet n'a pas pu démarrer",
  demoNotice: "Hors d'Excel : classeur de démonstration intégré",
  demoNoticeDetail: 'Une balance âgée française de 60 lignes, arrêtée au 30/06/2027. Rien n’est enregistré.',
  dismiss: 'Fermer',

  sheetSection: 'Balance âgée',
  sheetLabel: 'Feuille',
  sheetPlaceholder: 'Choisir une feuille',
  sheetReading: 'Lecture de la feuille…',
  sheetEmpty: 'Cette feuille est vide.',
  headerRow: (row, layout) => `En-têtes en ligne ${row} · ${layout}`,
  layouts: { invoice: 'une ligne par facture', bucket: "une ligne par client, par tranche d'âge" },
  rowsPreview: (rows, unreadable) =>
    `${rows} ligne${rows > 1 ? 's' : ''} à évaluer${unreadable > 0 ? `, ${unreadable} illisible${unreadable > 1 ? 's' : ''} (voir les diagnostics après l'évaluation)` : ''}`,
  columnsFound: (found) => `${found} colonne${found > 1 ? 's' : ''} reconnue${found > 1 ? 's' : ''}`,
  mappingTitle: 'Colonnes',
  mappingHint: 'Choisissez le bon en-tête là où une colonne a été mal lue.',
  notFound: 'Non trouvée',
  resetMapping: 'Revenir aux colonnes détectées',
  buckets: (list) => `Tranches d'âge : ${list}`,
  noLedgerTitle: 'Aucune balance trouvée sur cette feuille',
  roles: {
    buyerId: 'Identifiant client',
    buyerName: 'Raison sociale',
    country: 'Pays',
    invoiceNo: 'N° de facture',
    invoiceDate: 'Date de facture',
    dueDate: 'Échéance',
    open: 'Solde',
    amount: 'Montant facturé',
    currency: 'Devise',
    disputed: 'Litige',
    declaredOn: 'Déclaré le',
    sector: 'Secteur',
    buyerType: 'Type de client',
    total: 'Total',
  },

  ruleSection: 'Fichier de règles de la police',
  sources: { sample: 'Exemples', file: 'Fichier', url: 'Web', paste: 'Coller', workbook: 'Classeur' },
  samplePlaceholder: 'Choisir une police exemple',
  sampleLabel: 'Police exemple',
  workbookPolicy: (policy) => `La police enregistrée dans ce classeur : ${policy}.`,
  chooseFile: 'Choisir un fichier…',
  noFileChosen: 'Aucun fichier choisi',
  urlLabel: 'Adresse https du fichier de règles',
  urlHint: 'JSON, 5 Mo au plus.',
  load: 'Charger',
  pasteLabel: 'Fichier de règles (JSON)',
  pastePlaceholder: '{ "format": "credit-cover/rules@1", … }',
  check: 'Vérifier',
  ruleLoading: 'Chargement du fichier de règles…',
  ruleInvalidTitle: (n) => `Le fichier de règles a ${n} erreur${n > 1 ? 's' : ''}`,
  ruleValidTitle: 'Fichier de règles valide',
  policyId: 'Police',
  policyVersion: 'Version',
  insurer: 'Assureur',
  hash: 'Empreinte',
  fetchErrors: FETCH_FR,
  notUtf8: "ce n'est pas du texte UTF-8 : enregistrez le fichier de règles en UTF-8",
  fileTooLarge: (bytes) => `${bytes} octets ; un fichier de règles ne peut dépasser 5 Mo`,
  pasteNotJson: "Collez d'abord le texte d'un fichier de règles.",

  asOfLabel: "Date d'arrêté",
  asOfHint: 'La date à laquelle la balance est arrêtée ; conservée avec le résultat.',
  asOfInvalid: 'Saisissez une date.',

  evaluationSection: 'Évaluation',
  evaluate: 'Évaluer',
  evaluateNeeds: 'Il faut une feuille avec une balance, un fichier de règles valide et une date.',
  phases: {
    reading: 'Lecture de la feuille…',
    evaluating: 'Évaluation…',
    writing: 'Écriture des résultats…',
    storing: 'Enregistrement de la police dans le classeur…',
    done: 'Terminé',
  },

  resultTitle: 'Résultat',
  resultSubtitle: (date, policy) => `Au ${date} · ${policy}`,
  written: (address, sheet) => `Colonnes écrites en ${address} ; synthèse sur la feuille « ${sheet} ».`,
  storedPolicy: 'La police est enregistrée dans le classeur : les fonctions COVER l’utilisent.',
  keyFigures: 'Totaux',
  otherFigures: 'Détail',
  topBuyersTitle: 'Plus gros encours non couverts',
  topBuyersHint: 'Choisissez un client pour sélectionner ses lignes dans la feuille.',
  buyer: 'Client',
  ofOpen: (open) => `sur ${open} d'encours`,
  selectedRows: (n, rows) => `${n} ligne${n > 1 ? 's' : ''} sélectionnée${n > 1 ? 's' : ''} dans la feuille : ${rows}`,
  selectionTruncated: (selected, requested) =>
    `Excel a sélectionné les ${selected} premières lignes sur ${requested} : la sélection était trop grande.`,
  declarationsTitle: "À déclarer à l'assureur",
  declarationsHint: 'Factures assurées échues dont le délai de déclaration court encore, la plus urgente en premier.',
  invoice: 'Facture',
  declareBy: 'Déclarer avant',
  daysLeft: (d) => (d === 0 ? "aujourd'hui" : d === 1 ? 'dans 1 jour' : `dans ${d} jours`),
  diagnosticsTitle: 'Diagnostics',
  diagnosticCounts: ({ error, warning, info }) =>
    `${error} erreur${error > 1 ? 's' : ''} (rouge) · ${warning} avertissement${warning > 1 ? 's' : ''} (orange) · ${info} information${info > 1 ? 's' : ''}`,
  row: 'Ligne',
  column: 'Colonne',
  message: 'Message',
  none: 'Aucun.',
  more: (n) => `… et ${n} de plus sur la feuille de synthèse.`,

  paneTabs: { evaluate: 'Évaluer', compare: 'Comparer' },
  compareLedgerHint: "La même feuille, les mêmes colonnes et la même date d'arrêté que l'onglet Évaluer.",
  compareAsOfHint: 'La date à laquelle la balance est arrêtée, pour chaque police.',
  comparePoliciesSection: 'Polices à comparer',
  comparePoliciesHint: (max) =>
    `Choisissez de 2 à ${max} fichiers de règles, dans une même devise. Le premier coché dans la liste est A, la référence à laquelle les autres sont comparés.`,
  compareLoaded: "Chargé dans l'onglet Évaluer",
  compareLimit: (max) => `Au plus ${max} polices côte à côte.`,
  compareSection: 'Comparaison',
  compare: 'Comparer',
  compareNothingWritten: "Rien n'est écrit dans le classeur : la comparaison s'affiche ici seulement.",
  compareNeeds: {
    'too-few': 'Choisissez au moins 2 polices.',
    currencies: 'Les polices doivent être dans la même devise pour être comparées côte à côte.',
    'no-ledger': 'Il faut une feuille avec une balance et une date.',
  },
  comparePhases: {
    reading: 'Lecture de la feuille…',
    evaluating: 'Évaluation sous chaque police…',
    comparing: 'Comparaison…',
  },
  compareResultTitle: 'Côte à côte',
  compareSubtitle: (date, sheet) => `Au ${date} · feuille « ${sheet} »`,
  comparePolicies: 'Polices',
  compareFigure: 'Poste',
  potentialIndemnity: 'Indemnité potentielle',
  excludedHeading: 'Exclu',
  annualCost: 'Coût annuel (prime + frais)',
  costProblems: { 'no-cost-terms': 'pas de coût dans le fichier', 'no-turnover': "pas de chiffre d'affaires" },
  expectedNetHeading: 'Net attendu, 1 an',
  expectedNetHint: 'Indemnité attendue − coût annuel − commission sur récupérations, selon des scénarios par défaut.',
  scenarioNames: { base: 'Année normale', stressed: 'Année de crise' },
  compareChartTitle: 'Couvert et non couvert',
  compareChartBar: (key, covered, uninsured) => `Police ${key} : couvert ${covered}, non couvert ${uninsured}`,
  compareBuyersTitle: 'Clients dont la couverture diffère',
  compareBuyersHint: (reference) =>
    `Le plus gros écart de montant couvert en premier ; chaque motif est donné par rapport à la police ${reference}.`,
  compareBuyersCount: (differ, buyers) => `${differ} client${differ > 1 ? 's' : ''} sur ${buyers}`,
  compareNoDifference: 'Chaque client est couvert de la même façon par ces polices.',
  compareMoreBuyers: (n) => `… et ${n} de plus.`,
  compareReason: (key, text) => `${key} : ${text}`,

  errorTitles: {
    sheet: "La feuille n'a pas pu être lue",
    rules: "Le fichier de règles n'a pas pu être chargé",
    reading: "La feuille n'a pas pu être lue",
    evaluating: "L'évaluation a échoué",
    writing: "Les résultats n'ont pas pu être écrits",
    storing: "La police n'a pas pu être enregistrée dans le classeur",
    select: "Les lignes n'ont pas pu être sélectionnées",
    compare: 'La comparaison a échoué',
  },
  wouldOverwriteCells: (address) =>
    `Rien n'a été écrit : les résultats iraient sur vos données en ${address}. Déplacez ou videz ces cellules, puis évaluez à nouveau.`,
  wouldOverwriteSummary: (address) =>
    `Rien n'a été écrit : une feuille « credit-cover » existe et n'est pas la synthèse de credit-cover (${address}). Renommez-la, puis évaluez à nouveau.`,
  ledgerSheetNamed: (name) =>
    `La feuille de la balance s'appelle « ${name} », le nom de la feuille de synthèse : renommez-la d'abord.`,
  excelError: (code, message) => `Excel : ${message}${code ? ` (${code})` : ''}`,
  unexpected: (message) => `Erreur inattendue : ${message}`,
};

export const LABELS: Readonly<Record<Lang, Labels>> = { en: EN, fr: FR };

/** Office's display language (`fr-FR`, `fr-CA`, `en-US` …) as the pane's language: French for any `fr`. */
export function paneLang(displayLanguage: string | null | undefined): Lang {
  return typeof displayLanguage === 'string' && /^fr(-|_|$)/i.test(displayLanguage) ? 'fr' : 'en';
}

export function labelsFor(lang: Lang): Labels {
  return LABELS[lang];
}
