import { PeopleTable } from "@/components/people/table";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db";
import { listPeople, personJson } from "@/lib/people/people";

export const metadata = { title: "People" };

export default async function PeoplePage() {
  const me = await requireRole("admin");
  const people = (await listPeople(prisma)).map(personJson);
  return (
    <>
      <PageHeader
        title="People"
        description="Who has access, with which role and where it comes from. Roles normally come from the identity provider's groups at each sign-in; a manual role wins over them until removed. Every change is in the Audit log."
      />
      <PeopleTable people={people} me={me.id} />
    </>
  );
}
