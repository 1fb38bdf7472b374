/** "Signed copy (PDF)": downloads one of the person's signed forms; a failure says so beside it. */
import { useTranslation } from "react-i18next";
import { useDownloadSignedCopy } from "../api.js";

export function SignedCopyButton({ signatureId, describedBy }) {
  const { t } = useTranslation("forms");
  const download = useDownloadSignedCopy();
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
