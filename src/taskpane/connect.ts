/// <reference types="office-js" />
/**
 * Where the pane runs. In Excel, `Office.onReady` says so; opened in a plain browser, office.js
 * either failed to load (no `Office`) or answers with no host, and the pane works on the built-in
 * demo workbook instead, loaded on demand so Excel users never download it.
 */
import { localIsoDate } from './format';
import { demoHost, excelHost, type WorkbookHost } from './host';
import { paneLang, type Lang } from './labels';

export interface Connection {
  host: WorkbookHost;
  lang: Lang;
  /** Why the demo workbook is used; null in Excel. */
  demoReason: 'no-office' | 'not-excel' | null;
  /** The as-of date offered first: today in Excel, the demo balance's own date in the demo. */
  defaultAsOf: string;
}

export async function connect(): Promise<Connection> {
  if (typeof Office === 'undefined') return demo('no-office');
  let host: Office.HostType | null = null;
  try {
    host = (await Office.onReady()).host;
  } catch (error) {
    // office.js is there but cannot start (blocked scripts, a broken copy): the page still works, on the demo.
    console.error('credit-cover: Office.onReady failed', error);
    return demo('no-office');
  }
  if (host !== Office.HostType.Excel || typeof Excel === 'undefined') return demo('not-excel');
  return {
    host: excelHost(),
    lang: paneLang(Office.context.displayLanguage),
    demoReason: null,
    defaultAsOf: localIsoDate(),
  };
}

async function demo(reason: 'no-office' | 'not-excel'): Promise<Connection> {
  const { demoWorkbook, DEMO_AS_OF } = await import(/* webpackChunkName: "demo" */ './demo-workbook');
  return {
    host: demoHost(demoWorkbook()),
    lang: paneLang(navigator.language),
    demoReason: reason,
    defaultAsOf: DEMO_AS_OF,
  };
}
