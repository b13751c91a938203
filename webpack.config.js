/**
 * The Excel add-in's build, after Microsoft's Excel-Custom-Functions-Shared and Office-Addin-TaskPane-React
 * templates. See docs/decisions/addin-build.md for the choices that differ from them.
 *
 *   npm run build        production build into dist/, manifest URLs rewritten to $CREDIT_COVER_URL
 *   npm run build:dev    development build into dist/, manifest kept on https://localhost:3000/
 *   npm run dev-server   the same, served from memory on https://localhost:3000/
 *
 * `--env officeJs=local` (development only) makes the page load dist/office.js, a copy of
 * @microsoft/office-js, instead of Microsoft's CDN: for working on the page offline in a browser.
 */
const path = require('node:path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
/** Loads a TypeScript module of ours: through tsx, or through jest's own transform when a test requires this file. */
function requireTs(file) {
  try {
    return require('tsx/cjs/api').require(file, __filename);
  } catch (error) {
    // Inside jest, tsx's namespaced loader cannot resolve; jest's transform can.
    if (typeof jest === 'undefined') throw error;
    return require(file);
  }
}
// The French function names live in TypeScript (src/functions), next to the functions they translate.
const { LocalizeMetadataPlugin } = requireTs('./src/functions/localize.ts');

/** The base of every URL in manifest.xml: the dev server. */
const DEV_URL = 'https://localhost:3000/';
const DEV_PORT = 3000;
/** Where production is served when CREDIT_COVER_URL is not set. */
const DEFAULT_PRODUCTION_URL = 'https://credit-cover.example.com/';
/** Office.js from Microsoft's CDN: AppSource requires it, and it carries the host-specific scripts. */
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** What office.js needs from its own folder outside Office: itself and the host-to-file table it loads first. */
const OFFICE_JS_DIST = path.join(__dirname, 'node_modules', '@microsoft', 'office-js', 'dist');
const OFFICE_JS_LOCAL_FILES = ['office.js', 'o15apptofilemappingtable.js'];
/** The file whose JSDoc custom-functions-metadata-plugin turns into functions.json. */
const FUNCTIONS_SOURCE = './src/functions/functions.ts';

/** The production base URL: https, with a trailing slash, and not the dev server. */
function productionUrl(value = process.env.CREDIT_COVER_URL || DEFAULT_PRODUCTION_URL) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`CREDIT_COVER_URL is not a URL: "${value}"`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(`CREDIT_COVER_URL must be https (Office loads nothing else): ${value}`);
  }
  if (url.search || url.hash) {
    throw new Error(`CREDIT_COVER_URL must have no query or fragment: ${value}`);
  }
  if (url.hostname === 'localhost' || url.hostname === '127.0.0.1') {
    throw new Error(`CREDIT_COVER_URL must not be the dev server: ${value}`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * manifest.xml for production: EVERY occurrence of the dev URL replaced (Microsoft's shared-runtime template
 * replaces only the first), comments dropped (they describe the dev setup), and nothing left on localhost.
 */
function productionManifest(xml, baseUrl) {
  const rewritten = xml
    .split(DEV_URL)
    .join(baseUrl)
    .replace(/<!--[\s\S]*?-->\s*/g, '');
  const leftover = rewritten.match(/.*localhost.*/i);
  if (leftover) throw new Error(`manifest.xml still points at localhost after the rewrite: ${leftover[0].trim()}`);
  return rewritten;
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode === 'development';
  const baseUrl = dev ? DEV_URL : productionUrl();
  const localOfficeJs = dev && env.officeJs === 'local';

  return {
    mode: dev ? 'development' : 'production',
    context: __dirname,
    // Office's web views (WebView2, WKWebView, the browser for Excel on the web) all run ES2020.
    target: ['web', 'es2020'],
    devtool: 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      functions: FUNCTIONS_SOURCE,
      commands: './src/commands/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      // Fixed names: manifest.xml points at functions.js (and the page at the rest, with a ?hash in production).
      filename: '[name].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Type-checking is `npm run typecheck`'s job (and `typecheck:web`'s for these bundles).
            options: { configFile: path.resolve(__dirname, 'tsconfig.web.json'), transpileOnly: true },
          },
        },
      ],
    },
    optimization: {
      // The three entries share one page, so one webpack runtime and one instance of every module: the
      // policy the task pane stores is the one the custom functions read, not a copy in another bundle.
      runtimeChunk: 'single',
      splitChunks: { chunks: 'all' },
    },
    performance: {
      // Measured at the first build (docs/decisions/addin-build.md); a warning means something big came in.
      maxEntrypointSize: 1024 * 1024,
      maxAssetSize: 768 * 1024,
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: FUNCTIONS_SOURCE }),
      // functions.fr.json for French Excel, from functions.json and src/functions/names.fr.json.
      new LocalizeMetadataPlugin(),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        // functions first: they register with Excel before the pane renders.
        chunks: ['functions', 'commands', 'taskpane'],
        chunksSortMode: 'manual',
        templateParameters: { officeJsUrl: localOfficeJs ? 'office.js' : OFFICE_JS_CDN },
        hash: !dev,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'assets/help.html', to: 'assets/help.html' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: dev ? undefined : (content) => productionManifest(content.toString('utf8'), baseUrl),
          },
          // Development only: never deployed, the page uses the CDN unless built with --env officeJs=local.
          ...(dev ? OFFICE_JS_LOCAL_FILES.map((file) => ({ from: path.join(OFFICE_JS_DIST, file), to: file })) : []),
        ],
      }),
    ],
    devServer: {
      port: DEV_PORT,
      // Certificates only when serving, never installed into the trust store: see scripts/dev-certs.js.
      server: env.WEBPACK_SERVE
        ? { type: 'https', options: await require('./scripts/dev-certs').devHttpsOptions() }
        : 'https',
      // As the templates do: Office reads functions.json, possibly from another origin (addin-build.md).
      headers: { 'Access-Control-Allow-Origin': '*' },
      // Serve the build only (from memory), never the repository.
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: { errors: true, warnings: false } },
    },
  };
};

module.exports.DEV_URL = DEV_URL;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.productionUrl = productionUrl;
module.exports.productionManifest = productionManifest;
