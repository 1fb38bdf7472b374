/**
 * A studio's reports on the main API (GET /api/studios/<slug>/reports/<name>: revenue, attendance, clients, pay), each
 * as JSON or, with format=csv, the CSV saved as a file; and the instructors' pay rates (reports.view).
 *
 * The charts are Recharts rather than ECharts: Recharts is React components, so a chart is declared like the rest of
 * the page and only the parts it uses are bundled; it draws SVG, which axe and Chromium's screenshots read (ECharts
 * draws on a canvas by default); and for four plain charts its bundle is the smaller. The page that draws them is
 * loaded on demand (app/App.jsx), so the rest of the app does not carry it.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { saveBlob } from "../../lib/save-blob.js";
import { useStudio } from "../../lib/studio.jsx";

export const reportKeys = {
  all: (base) => ["reports", base],
  report: (base, name, query) => ["reports", base, name, query],
  rates: (base) => ["reports", base, "rates"],
};

/** Pay's class lines a page at a time: a big studio's year holds tens of thousands of classes. */
export const PAY_LINES_PER_PAGE = 100;

/** The JSON query of report `name`: pay's reads one page of its lines (the CSV keeps them all, unpaged). */
export const pagedQuery = (name, query, page = 1) => (name === "pay" ? { ...query, page, per_page: PAY_LINES_PER_PAGE } : query);

/** The report `name` for query ({from, to, by} or, for pay, {from, to, instructor} and its lines' page); the last
 *  answer stays shown while the next range or page loads. 400 report_range_invalid for a span over two years or
 *  ending before it starts. */
export function useReport(name, query, page = 1) {
  const { main } = useApi();
  const { base, ready, studio } = useStudio();
  const params = pagedQuery(name, query, page);
  return useQuery({
    queryKey: reportKeys.report(base, name, params),
    queryFn: ({ signal }) => main.get(`${base}/reports/${name}`, { params, signal }),
    enabled: ready && Boolean(studio),
    placeholderData: keepPreviousData,
  });
}

/** query → the report's CSV for it, saved as <name>-<slug>.csv. */
export function useDownloadReport(name) {
  const { main } = useApi();
  const { base, studio } = useStudio();
  return useMutation({
    mutationFn: async (query) => {
      const blob = await main.download(`${base}/reports/${name}`, { params: { ...query, format: "csv" } });
      saveBlob(blob, `${name}-${studio?.slug ?? "studio"}.csv`);
    },
  });
}

/** The studio's instructors, each with their pay rate or null: [{instructor_id, name, role, rate}]. */
export function useInstructorRates({ enabled = true } = {}) {
  const { main } = useApi();
  const { base, ready, studio } = useStudio();
  return useQuery({
    queryKey: reportKeys.rates(base),
    queryFn: async ({ signal }) => (await main.get(`${base}/instructor-rates`, { signal })).rates ?? [],
    enabled: ready && Boolean(studio) && enabled,
  });
}

/** A rate changed moves the pay report: both are read again. */
function useRateWrite(write) {
  const { main } = useApi();
  const { base } = useStudio();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input) => write(main, base, input),
    onSuccess: () => client.invalidateQueries({ queryKey: reportKeys.all(base) }),
  });
}

/** {instructorId, rate} → the rate saved (PUT, amounts in minor units). */
export const useSaveRate = () =>
  useRateWrite((main, base, { instructorId, rate }) => main.put(`${base}/instructor-rates/${encodeURIComponent(instructorId)}`, rate));

/** instructorId → the instructor has no rate any more (DELETE, 204). */
export const useRemoveRate = () => useRateWrite((main, base, instructorId) => main.delete(`${base}/instructor-rates/${encodeURIComponent(instructorId)}`));
