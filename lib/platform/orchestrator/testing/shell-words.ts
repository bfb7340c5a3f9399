import { execFileSync } from "node:child_process";
import path from "node:path";

const SPLIT = "import json, shlex, sys; json.dump(shlex.split(sys.stdin.read()), sys.stdout)";

/**
 * What the MWAA web server does with the text body of /aws_mwaa/cli: Python's shlex.split (POSIX
 * rules, nothing run). The peer uses Python's own splitter, not one written here, so a quoting
 * difference between the transport and MWAA fails a test. Unbalanced quotes throw, as shlex does.
 */
export function splitWords(line: string): string[] {
  const python = path.resolve(".venv/bin/python");
  try {
    return JSON.parse(execFileSync(python, ["-c", SPLIT], { input: line, encoding: "utf8" })) as string[];
  } catch (error) {
    throw new Error(`shlex could not split the command: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`);
  }
}
