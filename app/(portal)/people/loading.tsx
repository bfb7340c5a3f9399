import { SectionLoading } from "@/components/ui/section-loading";

export default function Loading() {
  return <SectionLoading section="People" />;
}
