/** A layout route's page with a loading state while its code arrives: App.jsx loads most pages when first opened. */
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { Loading } from "./Feedback.jsx";

/** What stands in for a page whose code is still on its way (a status: screen readers hear it). */
export function PageLoading() {
  const { t } = useTranslation("common");
  return (
    <section className="page">
      <Loading label={t("pageOutlet.loading")} />
    </section>
  );
}

/** <Outlet /> in a Suspense boundary: the frame around it (header, staff bar) stays while the page loads. */
export function PageOutlet() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Outlet />
    </Suspense>
  );
}
