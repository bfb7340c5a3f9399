/** A refused or failed lake request, shown as a message in the page (never a stack trace). */
export function LakeError({ title, message }: { title: string; message: string }) {
  return (
    <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 p-4 text-rose-900">
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1 text-sm">{message}</p>
    </div>
  );
}
