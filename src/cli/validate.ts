/**
 * `credit-cover validate FILE...`: checks rule files and runs the examples they carry.
 */
import { formatRuleFileError, loadRuleFile } from '../rules';
import { CliError } from './errors';
import { readRuleFileText } from './files';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

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
