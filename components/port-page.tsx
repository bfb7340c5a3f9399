import type { ReactNode } from "react";
import { AdapterMissing } from "./adapter-missing";
import { PageHeader } from "./page-header";
import { getPlatform, PORT_LABELS, type PortName } from "@/lib/platform";

/** A section that reads through one port: its header, then the content or the plain "missing" notice. */
export function PortPage({
  port,
  title,
  description,
  children,
}: {
  port: PortName;
  title: string;
  description: string;
  children?: ReactNode;
}) {
  const platform = getPlatform();
  return (
    <>
      <PageHeader title={title} description={description} />
      {platform[port] ? children : <AdapterMissing label={PORT_LABELS[port]} mode={platform.mode} />}
    </>
  );
}
