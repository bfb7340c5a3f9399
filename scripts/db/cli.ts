/** Runs a db:* command: prefixed log lines, a clear message and exit code 1 on failure, no stack for expected errors. */
export async function runCli(name: string, main: (log: (line: string) => void) => Promise<void | number>): Promise<void> {
  const log = (line: string) => console.log(`[${name}] ${line}`);
  try {
    const code = await main(log);
    process.exitCode = code ?? 0;
  } catch (error) {
    const expected = error instanceof Error && (error.name === "MigrationError" || error.message.startsWith("usage:") || error.name === "SeedError");
    console.error(`[${name}] ${expected ? (error as Error).message : (error as Error)?.stack ?? String(error)}`);
    process.exitCode = 1;
  }
}
