import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, ok } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { defaultRange } from "../range.js";
import { REPORTS_BASE, REVENUE as REVENUE_REPORT, reportsApi, SPAN } from "../test-fixtures.js";
import { ReportsPage } from "./ReportsPage.jsx";

const REVENUE = `GET ${REPORTS_BASE}/revenue`;
const inRange = `${paths.reports}?from=${SPAN.from}&to=${SPAN.to}`;
const renderPage = (api = reportsApi(), route = inRange) => renderApp(<ReportsPage />, { route, api, as: USERS.user, studios: true });

describe("ReportsPage", () => {
  afterEach(() => vi.restoreAllMocks());

  it("offers the four reports as tabs, Revenue first, and moves between them with the arrow keys", async () => {
    const { user } = renderPage();
    expect(await screen.findByRole("heading", { level: 1, name: "Reports" })).toBeInTheDocument();
    const tabs = within(screen.getByRole("tablist", { name: "Reports" })).getAllByRole("tab");
    expect(tabs.map((tab) => tab.textContent)).toEqual(["Revenue", "Attendance", "Clients", "Pay"]);
    expect(screen.getByRole("tab", { name: "Revenue" })).toHaveAttribute("aria-selected", "true");
    expect(screen.getByRole("tabpanel", { name: "Revenue" })).toBeInTheDocument();
    expect(await screen.findByRole("table", { name: "Revenue by period" })).toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "Revenue" }));
    await user.keyboard("{ArrowRight}");
    expect(screen.getByRole("tab", { name: "Attendance" })).toHaveFocus();
    expect(screen.getByRole("tab", { name: "Attendance" })).toHaveAttribute("aria-selected", "true");
    expect(await screen.findByRole("table", { name: "Attendance by class" })).toBeInTheDocument();
    await user.keyboard("{End}");
    expect(screen.getByRole("tab", { name: "Pay" })).toHaveFocus();
    expect(await screen.findByRole("table", { name: "Pay by class" })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent("report=pay");
    await user.click(screen.getByRole("tab", { name: "Clients" }));
    expect(await screen.findByRole("table", { name: "Retention cohorts" })).toBeInTheDocument();
  });

  it("asks for the last 30 days by day when the address names no range", async () => {
    const api = reportsApi();
    renderPage(api, paths.reports);
    await screen.findByRole("table", { name: "Revenue by period" });
    const expected = defaultRange("Asia/Kolkata");
    expect(api.callsTo(REVENUE)[0].query).toEqual({ ...expected, by: "day" });
    expect(screen.getByLabelText("From")).toHaveValue(expected.from);
    expect(screen.getByLabelText("To")).toHaveValue(expected.to);
    expect(screen.getByLabelText("Group by")).toHaveValue("day");
  });

  it("shows another range grouped another way, and keeps it in the address", async () => {
    const api = reportsApi();
    const { user } = renderPage(api);
    const from = await screen.findByLabelText("From");
    await user.clear(from);
    await user.type(from, "2031-01-01");
    await user.selectOptions(screen.getByLabelText("Group by"), "month");
    await user.click(screen.getByRole("button", { name: "Show" }));
    await waitFor(() => expect(api.callsTo(REVENUE).at(-1).query).toEqual({ from: "2031-01-01", to: SPAN.to, by: "month" }));
    expect(screen.getByTestId("location")).toHaveTextContent("from=2031-01-01");
    expect(screen.getByTestId("location")).toHaveTextContent("by=month");
  });

  it("shows the API's refusal of a range in the form's alert", async () => {
    const message = "A report covers at most 731 days, and ends on or after its first day.";
    const api = reportsApi({
      more: { [REVENUE]: ({ query }) => (query.to < query.from ? apiError(400, "report_range_invalid", message, { most: 731 }) : ok({})) },
    });
    renderPage(api, `${paths.reports}?from=2031-03-30&to=2031-03-01`);
    const form = await screen.findByRole("form", { name: "Report range" });
    expect(await within(form).findByRole("alert")).toHaveTextContent(message);
    expect(screen.queryByRole("table", { name: "Revenue by period" })).not.toBeInTheDocument();
  });

  it("downloads the report shown as CSV with the token, named after the report and the studio", async () => {
    const saved = [];
    URL.createObjectURL = vi.fn(() => "blob:report");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
      saved.push(this.download);
    });
    const api = reportsApi({ more: { [REVENUE]: ({ query }) => ok(query.format === "csv" ? "period,gross\r\n" : REVENUE_REPORT) } });
    const { user } = renderPage(api);
    await screen.findByRole("table", { name: "Revenue by period" });
    await user.click(screen.getByRole("button", { name: "Download CSV" }));
    await waitFor(() => expect(saved).toEqual(["revenue-lotus-yoga.csv"]));
    const csv = api.callsTo(REVENUE).at(-1);
    expect(csv.query).toEqual({ ...SPAN, by: "day", format: "csv" });
    expect(csv.headers.Authorization).toMatch(/^Bearer /);
  });

  it("shows an instructor their pay only, without the rates", async () => {
    const api = reportsApi({ role: "instructor" });
    renderPage(api, paths.reports);
    expect(await screen.findByRole("table", { name: "Pay by class" })).toBeInTheDocument();
    expect(screen.getAllByRole("tab").map((tab) => tab.textContent)).toEqual(["Pay"]);
    expect(screen.queryByRole("heading", { name: "Pay rates" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Whose pay")).not.toBeInTheDocument();
    expect(api.callsTo(`GET main /api/studios/lotus-yoga/instructor-rates`)).toHaveLength(0);
    expect(api.callsTo(`GET ${REPORTS_BASE}/pay`)[0].query).toEqual({ ...defaultRange("Asia/Kolkata"), page: "1", per_page: "100" });
  });
});
