/** /admin/studios (platform admins): every studio of the platform with its owners, members and whether it closed, a
 *  search by name or slug, and a form per studio to make an account (found by its email) an owner. */
import { useState } from "react";
import { Pagination } from "../../../components/Pagination.jsx";
import { EmptyState, ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useAdminStudios, useMakeOwner } from "../api.js";

function OwnerForm({ studio }) {
  const [email, setEmail] = useState("");
  const making = useMakeOwner();
  const id = `owner-email-${studio.id}`;
  const onSubmit = (event) => {
    event.preventDefault();
    if (email.trim()) making.mutate({ slug: studio.slug, email }, { onSuccess: () => setEmail("") });
  };
  return (
    <form onSubmit={onSubmit} aria-label={`Make an owner of ${studio.name} (${studio.slug})`}>
      <label htmlFor={id}>{`Email of the new owner of ${studio.name} (${studio.slug})`}</label>
      <input id={id} type="email" value={email} onChange={(event) => setEmail(event.target.value)} required />
      <button type="submit" className="button secondary small" disabled={making.isPending}>
        Make owner
      </button>
      {making.isSuccess && <SuccessMessage>{`${making.data.name} is now an owner of ${studio.name}.`}</SuccessMessage>}
      {making.isError && <ErrorMessage error={making.error} title="Not made an owner" />}
    </form>
  );
}

function StudioRow({ studio }) {
  const owners = studio.owners.map((owner) => `${owner.name} (${owner.email})`).join(", ");
  return (
    <tr>
      <td>{studio.name}</td>
      <td>{studio.slug}</td>
      <td>{owners || "None"}</td>
      <td>{studio.members}</td>
      <td>{studio.closed ? "Closed" : "Open"}</td>
      <td>{studio.closed ? null : <OwnerForm studio={studio} />}</td>
    </tr>
  );
}

export function AdminStudiosPage() {
  usePageTitle("Studios");
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const studios = useAdminStudios(q.trim(), page);
  const onSearch = (event) => {
    setQ(event.target.value);
    setPage(1);
  };
  return (
    <section>
      <h1>Studios</h1>
      <p>Every studio of the platform. Make any account an owner of one by its email.</p>
      <label htmlFor="studio-search">Find a studio (name or web address)</label>
      <input id="studio-search" type="search" value={q} onChange={onSearch} />
      {studios.isPending && <Loading />}
      {studios.isError && <ErrorMessage error={studios.error} title="Studios not loaded" onRetry={studios.refetch} />}
      {studios.data && studios.data.items.length === 0 && <EmptyState title="No studios">None matches.</EmptyState>}
      {studios.data && studios.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table-stack">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Web address</th>
                <th scope="col">Owners</th>
                <th scope="col">Members</th>
                <th scope="col">Status</th>
                <th scope="col">Make an owner</th>
              </tr>
            </thead>
            <tbody>
              {studios.data.items.map((studio) => (
                <StudioRow key={studio.id} studio={studio} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {studios.data && <Pagination page={studios.data.page} pages={studios.data.pages} onPage={setPage} busy={studios.isFetching} />}
    </section>
  );
}
