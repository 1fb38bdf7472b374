/** "Signed copy (PDF)": downloads one of the person's signed forms, or with clientId (staff on a client's page) one
 *  of that client's; a failure says so beside it. */
import { useTranslation } from "react-i18next";
import { useDownloadClientCopy, useDownloadSignedCopy } from "../api.js";

export function SignedCopyButton({ signatureId, describedBy, clientId = null }) {
  const { t } = useTranslation("forms");
  const mine = useDownloadSignedCopy();
  const theirs = useDownloadClientCopy(clientId);
  const download = clientId == null ? mine : theirs;
  return (
    <>
      <button
        type="button"
        className="button secondary small"
        onClick={() => download.mutate(signatureId)}
        disabled={download.isPending}
        aria-describedby={describedBy}
      >
        {download.isPending ? t("copy.downloading") : t("copy.download")}
      </button>
      {download.isError && (
        <p role="alert" className="field-error small-text">
          {t("copy.failed")} {download.error.message}
        </p>
      )}
    </>
  );
}
