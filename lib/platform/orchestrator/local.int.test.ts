import path from "node:path";
import { inject } from "vitest";
import { orchestratorContract } from "./contract";
import { localOrchestrator } from "./local";

orchestratorContract("local", 2, async () => ({
  adapter: localOrchestrator({ repoRoot: path.resolve("."), platformHome: inject("airflowPlatformHome"), airflowPort: inject("airflowPort") }),
}));
