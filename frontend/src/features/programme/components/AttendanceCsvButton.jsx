/** "Attendance CSV" on the dashboard: every session of mine from the last 90 days to tomorrow with its booked,
 *  checked-in, attended, no-show and walk-in counts, fetched with the token and saved as attendance.csv. */
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { useDownloadAttendance } from "../attendance-api.js";

export function AttendanceCsvButton() {
  const download = useDownloadAttendance();
  return (
    <>
      <button
        type="button"
        className="button secondary"
        title="Your sessions of the last 90 days with who came"
        onClick={() => !download.isPending && download.mutate()}
        aria-disabled={download.isPending || undefined}
        aria-busy={download.isPending}
      >
        Attendance CSV
      </button>
      <ErrorMessage error={download.error} title="The attendance CSV could not be downloaded." />
    </>
  );
}
