import type { ReactNode } from "react";
import type { PortAvailability } from "@/lib/platform";
import { AdapterMissing } from "./adapter-missing";
import { PageHeader } from "./page-header";

/** A section that reads through one port: its header, then the content or the plain "missing" notice. */
export function PortPage({
  port,
  title,
  description,
  children,
}: {
  /** From `portAvailability(name)`: the page asks the platform, this component only shows the answer. */
  port: PortAvailability;
  title: string;
  description: string;
  children?: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      {port.available ? children : <AdapterMissing label={port.label} mode={port.mode} />}
    </>
  );
}
