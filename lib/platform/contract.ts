import { afterAll, beforeAll, describe } from "vitest";

export interface AdapterUnderTest<T> {
  adapter: T;
  /** Stops whatever the factory started (a moto server, a temp lake). */
  close?: () => Promise<void>;
}

/**
 * The harness every port's contract suite uses: `lib/platform/<port>/contract.ts` exports
 * `(name, factory) => contractSuite(...)`, and each adapter's test file calls it with its own factory,
 * so the local and the AWS adapter pass exactly the same tests.
 */
export function contractSuite<T>(
  port: string,
  adapterName: string,
  factory: () => Promise<AdapterUnderTest<T>>,
  tests: (adapter: () => T) => void,
): void {
  describe(`${port} contract — ${adapterName}`, () => {
    let under: AdapterUnderTest<T> | undefined;
    beforeAll(async () => {
      under = await factory();
    });
    afterAll(async () => {
      await under?.close?.();
    });
    tests(() => {
      if (!under) throw new Error(`${adapterName}: the factory did not produce an adapter`);
      return under.adapter;
    });
  });
}
