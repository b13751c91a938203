/**
 * `credit-cover validate FILE...`: checks rule files and runs the examples they carry; checks
 * default-scenario files (`credit-cover/scenarios@1`) too, told apart by their `format`.
 */
import { formatRuleFileError, loadRuleFile, loadScenarioFile } from '../rules';
import { CliError } from './errors';
import { readRuleFileText } from './files';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const SCENARIO_FORMAT = /"format"\s*:\s*"credit-cover\/scenarios@1"/;

/** Returns the number of files that failed. */
export async function validateFiles(files: string[], io: Output): Promise<number> {
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readRuleFileText(file);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.err(error.message);
      failed++;
      continue;
    }
    if (SCENARIO_FORMAT.test(text)) {
      const scenarios = loadScenarioFile(text, { fileName: file });
      if (scenarios.ok) {
        const names = scenarios.scenarios.scenarios.map((s) => s.name).join(', ');
        io.out(`OK ${file} (scenarios ${names}; ${scenarios.scenarios.years} year(s))`);
      } else {
        failed++;
        for (const error of scenarios.errors) io.err(formatRuleFileError({ ...error, file }));
      }
      continue;
    }
    const result = loadRuleFile(text, { fileName: file });
    if (result.ok) {
      const { id, version } = result.policy.terms;
      io.out(`OK ${file} (${id}, ${version}, ${result.hash})`);
    } else {
      failed++;
      for (const error of result.errors) io.err(formatRuleFileError({ ...error, file }));
    }
  }
  return failed;
}
