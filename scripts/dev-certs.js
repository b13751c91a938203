/**
 * HTTPS options for the dev server (https://localhost:3000) that never touch the system trust store.
 *
 * office-addin-dev-certs' `getHttpsServerOptions()` is what Microsoft's templates call; it runs
 * `ensureCertificatesAreInstalled()`, which installs a CA into the trust store (`sudo sh install_linux.sh`
 * on Linux, the login keychain on macOS, the user store on Windows). This module does not:
 *
 * 1. certificates already in ~/.office-addin-dev-certs (put there by a developer who chose to run
 *    `npx office-addin-dev-certs install`, or by `npm start` on Windows/macOS) are used as they are,
 *    so Excel, which only loads add-ins from a trusted https origin, accepts the dev server;
 * 2. otherwise a CA and a localhost certificate are generated once into .certs/ (git-ignored) with the
 *    library's `generateCertificates`, and NOT installed: browsers and Playwright can accept them
 *    (`ignoreHTTPSErrors`), Excel cannot until the developer trusts .certs/ca.crt themselves.
 *
 * See docs/decisions/addin-build.md.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { X509Certificate } = require('node:crypto');

const TRUSTED_DIR = path.join(os.homedir(), '.office-addin-dev-certs');
const LOCAL_DIR = path.resolve(__dirname, '..', '.certs');
const DAYS_VALID = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

function filesIn(dir) {
  return {
    ca: path.join(dir, 'ca.crt'),
    cert: path.join(dir, 'localhost.crt'),
    key: path.join(dir, 'localhost.key'),
  };
}

/** The certificates in `dir` if all three exist, cover localhost and stay valid at least one more day. */
function readUsable(dir) {
  const files = filesIn(dir);
  if (!Object.values(files).every((file) => fs.existsSync(file))) return undefined;
  const options = {
    ca: fs.readFileSync(files.ca),
    cert: fs.readFileSync(files.cert),
    key: fs.readFileSync(files.key),
  };
  const certificate = new X509Certificate(options.cert);
  if (Date.parse(certificate.validTo) < Date.now() + DAY_MS) return undefined;
  if (certificate.checkHost('localhost') === undefined) return undefined;
  return options;
}

/** `{ ca, cert, key }` for webpack-dev-server's `server.options`. */
async function devHttpsOptions() {
  const trusted = readUsable(TRUSTED_DIR);
  if (trusted) return trusted;
  const local = readUsable(LOCAL_DIR);
  if (local) return local;

  // generateCertificates writes nothing if ca.crt already exists: start from an empty folder.
  fs.rmSync(LOCAL_DIR, { recursive: true, force: true });
  const files = filesIn(LOCAL_DIR);
  // Required here, not at the top: only the dev server needs it, and only to generate.
  const { generateCertificates } = require('office-addin-dev-certs');
  await generateCertificates(files.ca, files.cert, files.key, DAYS_VALID, ['127.0.0.1', 'localhost']);
  console.warn(
    `\nGenerated an UNTRUSTED development certificate in ${path.relative(process.cwd(), LOCAL_DIR)}/ ` +
      `(valid ${DAYS_VALID} days). Browsers will warn; Excel will refuse https://localhost:3000 until you trust ` +
      `${path.relative(process.cwd(), files.ca)} or run \`npx office-addin-dev-certs install\` yourself ` +
      `(it changes your system's trust store). See docs/decisions/addin-build.md.\n`,
  );
  const generated = readUsable(LOCAL_DIR);
  if (!generated) throw new Error(`could not generate usable development certificates in ${LOCAL_DIR}`);
  return generated;
}

module.exports = { devHttpsOptions, TRUSTED_DIR, LOCAL_DIR };
