import type { ComponentProps, ReactNode } from "react";

/** The facts at the top of a detail page (DAG, state, who, when), as label–value pairs on a grid. */
export function Facts({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">{children}</dl>;
}

/** One labelled fact; the value keeps the `dd`'s own props (test ids, colour). */
export function Fact({ label, children, ...value }: { label: string } & ComponentProps<"dd">) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd {...value}>{children}</dd>
    </>
  );
}

/** A titled part of a detail page; its heading names the region for assistive technology. */
export function DetailSection({ id, title, note, children }: { id: string; title: string; note?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className={`${note ? "mb-1" : "mb-2"} text-lg font-semibold`}>
        {title}
      </h2>
      {note}
      {children}
    </section>
  );
}
