/** /admin/studios (platform admins): every studio of the platform with its owners, members and whether it closed, a
 *  search by name or slug, and a form per studio to make an account (found by its email) an owner. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Pagination } from "../../../components/Pagination.jsx";
import { EmptyState, ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useAdminStudios, useMakeOwner } from "../api.js";

function OwnerForm({ studio }) {
  const { t } = useTranslation("admin");
  const [email, setEmail] = useState("");
  const making = useMakeOwner();
  const id = `owner-email-${studio.id}`;
  const onSubmit = (event) => {
    event.preventDefault();
    if (email.trim()) making.mutate({ slug: studio.slug, email }, { onSuccess: () => setEmail("") });
  };
  return (
    <form onSubmit={onSubmit} aria-label={t("ownerForm.formLabel", { name: studio.name, slug: studio.slug })}>
      <label htmlFor={id}>{t("ownerForm.emailLabel", { name: studio.name, slug: studio.slug })}</label>
      <input id={id} type="email" value={email} onChange={(event) => setEmail(event.target.value)} required />
      <button type="submit" className="button secondary small" disabled={making.isPending}>
        {t("ownerForm.submit")}
      </button>
      {making.isSuccess && <SuccessMessage>{t("ownerForm.made", { person: making.data.name, studio: studio.name })}</SuccessMessage>}
      {making.isError && <ErrorMessage error={making.error} title={t("ownerForm.notMade")} />}
    </form>
  );
}

function StudioRow({ studio }) {
  const { t } = useTranslation("admin");
  const owners = studio.owners.map((owner) => `${owner.name} (${owner.email})`).join(", ");
  return (
    <tr>
      <td>{studio.name}</td>
      <td>{studio.slug}</td>
      <td>{owners || t("studios.noOwners")}</td>
      <td>{studio.members}</td>
      <td>{studio.closed ? t("studios.closed") : t("studios.open")}</td>
      <td>{studio.closed ? null : <OwnerForm studio={studio} />}</td>
    </tr>
  );
}

export function AdminStudiosPage() {
  const { t } = useTranslation("admin");
  usePageTitle(t("studios.title"));
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const studios = useAdminStudios(q.trim(), page);
  const onSearch = (event) => {
    setQ(event.target.value);
    setPage(1);
  };
  return (
    <section>
      <h1>{t("studios.title")}</h1>
      <p>{t("studios.intro")}</p>
      <label htmlFor="studio-search">{t("studios.search")}</label>
      <input id="studio-search" type="search" value={q} onChange={onSearch} />
      {studios.isPending && <Loading />}
      {studios.isError && <ErrorMessage error={studios.error} title={t("studios.notLoaded")} onRetry={studios.refetch} />}
      {studios.data && studios.data.items.length === 0 && <EmptyState title={t("studios.emptyTitle")}>{t("studios.emptyText")}</EmptyState>}
      {studios.data && studios.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table-stack">
            <thead>
              <tr>
                <th scope="col">{t("studios.columns.name")}</th>
                <th scope="col">{t("studios.columns.webAddress")}</th>
                <th scope="col">{t("studios.columns.owners")}</th>
                <th scope="col">{t("studios.columns.members")}</th>
                <th scope="col">{t("studios.columns.status")}</th>
                <th scope="col">{t("studios.columns.makeOwner")}</th>
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
