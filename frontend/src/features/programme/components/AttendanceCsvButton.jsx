/** "Attendance CSV" on the dashboard: every session of mine from the last 90 days to tomorrow with its booked,
 *  checked-in, attended, no-show and walk-in counts, fetched with the token and saved as attendance.csv. */
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { useDownloadAttendance } from "../attendance-api.js";

export function AttendanceCsvButton() {
  const { t } = useTranslation("programme");
  const download = useDownloadAttendance();
  return (
    <>
      <button
        type="button"
        className="button secondary"
        title={t("attendanceCsv.title")}
        onClick={() => !download.isPending && download.mutate()}
        aria-disabled={download.isPending || undefined}
        aria-busy={download.isPending}
      >
        {t("attendanceCsv.label")}
      </button>
      <ErrorMessage error={download.error} title={t("attendanceCsv.failed")} />
    </>
  );
}
