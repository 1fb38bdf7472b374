import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, ok, reply } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { pagedPay, RATES, REPORTS_BASE, reportsApi, SPAN } from "../test-fixtures.js";
import { ReportsPage } from "./ReportsPage.jsx";

const PAY = `GET ${REPORTS_BASE}/pay`;
const route = `${paths.reports}?report=pay&from=${SPAN.from}&to=${SPAN.to}`;
const renderPay = (api = reportsApi()) => renderApp(<ReportsPage />, { route, api, as: USERS.user, studios: true });
const rates = () => within(screen.getByRole("table", { name: "Instructor rates" }));
const FIRST_PAGE = { page: "1", per_page: "100" };
const pager = () => screen.getByRole("navigation", { name: "Pay by class pages" });
const firstLine = () => within(screen.getByRole("table", { name: "Pay by class" })).getAllByRole("row")[1];

describe("the pay report", () => {
  afterEach(() => vi.restoreAllMocks());

  it("shows each instructor's pay as a chart and a table, and each class's line in the studio's time", async () => {
    renderPay();
    const byClass = await screen.findByRole("table", { name: "Pay by class" });
    expect(screen.getByText("Total pay", { selector: "dt" }).parentElement).toHaveTextContent("₹21,000");
    expect(screen.getByRole("img", { name: /^Bar chart of pay by instructor.*Dr\. Priya Sharma ₹18,000, Ravi Rao ₹3,000\.$/ })).toBeInTheDocument();
    const [priya] = within(screen.getByRole("table", { name: "Pay by instructor" })).getAllByRole("row").slice(1);
    expect([...priya.querySelectorAll("th, td")].map((cell) => cell.textContent)).toEqual(["Dr. Priya Sharma", "₹1,500 a class", "12", "100", "₹60,000", "₹18,000"]);
    const [line] = within(byClass).getAllByRole("row").slice(1);
    expect(within(line).getByRole("rowheader")).toHaveTextContent("Morning Flow");
    expect(line).toHaveTextContent(/Mon, Mar 3, 2031, 07:00 AM IST/);
    expect(line).toHaveTextContent("₹1,500");
  });

  it("shows one instructor's pay when chosen", async () => {
    const api = reportsApi();
    const { user } = renderPay(api);
    const choice = await screen.findByLabelText("Whose pay");
    await waitFor(() => expect(within(choice).getAllByRole("option").map((option) => option.textContent)).toEqual(["All instructors", "Dr. Priya Sharma", "Ravi Rao"]));
    await user.selectOptions(choice, "Ravi Rao");
    await user.click(screen.getByRole("button", { name: "Show" }));
    await waitFor(() => expect(api.callsTo(PAY).at(-1).query).toEqual({ ...SPAN, instructor: "3", ...FIRST_PAGE }));
    expect(screen.queryByLabelText("Group by")).not.toBeInTheDocument();
  });

  it("shows where the page of classes sits in the range, with Previous disabled on the first page", async () => {
    renderPay(reportsApi({ more: { [PAY]: pagedPay(4000) } }));
    await screen.findByRole("table", { name: "Pay by class" });
    expect(pager()).toHaveTextContent("Classes 1–100 of 4,000");
    expect(within(pager()).getByRole("button", { name: "Previous" })).toBeDisabled();
    expect(within(pager()).getByRole("button", { name: "Next" })).toBeEnabled();
    expect(within(screen.getByRole("table", { name: "Pay by class" })).getAllByRole("row")).toHaveLength(101);
  });

  it("reads the next page of classes with Next, and the last page's Next is disabled", async () => {
    const api = reportsApi({ more: { [PAY]: pagedPay(250) } });
    const { user } = renderPay(api);
    await screen.findByRole("table", { name: "Pay by class" });
    expect(api.callsTo(PAY).at(-1).query).toEqual({ ...SPAN, ...FIRST_PAGE });
    await user.click(within(pager()).getByRole("button", { name: "Next" }));
    await waitFor(() => expect(pager()).toHaveTextContent("Classes 101–200 of 250"));
    expect(api.callsTo(PAY).at(-1).query).toEqual({ ...SPAN, page: "2", per_page: "100" });
    expect(within(firstLine()).getByRole("rowheader")).toHaveTextContent("Class 101");
    expect(within(pager()).getByRole("button", { name: "Previous" })).toBeEnabled();
    await user.click(within(pager()).getByRole("button", { name: "Next" }));
    await waitFor(() => expect(pager()).toHaveTextContent("Classes 201–250 of 250"));
    expect(within(pager()).getByRole("button", { name: "Next" })).toBeDisabled();
  });

  it("opens page 1 again for another instructor, and downloads every line as CSV, unpaged", async () => {
    URL.createObjectURL = vi.fn(() => "blob:report");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    const api = reportsApi({ more: { [PAY]: ({ query }) => (query.format === "csv" ? ok("title,pay\r\n") : pagedPay(250)({ query })) } });
    const { user } = renderPay(api);
    await screen.findByRole("table", { name: "Pay by class" });
    await user.click(within(pager()).getByRole("button", { name: "Next" }));
    await waitFor(() => expect(pager()).toHaveTextContent("Classes 101–200 of 250"));
    await user.click(screen.getByRole("button", { name: "Download CSV" }));
    await waitFor(() => expect(api.callsTo(PAY).at(-1).query).toEqual({ ...SPAN, format: "csv" }));
    await waitFor(() => expect(within(screen.getByLabelText("Whose pay")).getAllByRole("option")).toHaveLength(3));
    await user.selectOptions(screen.getByLabelText("Whose pay"), "Ravi Rao");
    await user.click(screen.getByRole("button", { name: "Show" }));
    await waitFor(() => expect(api.callsTo(PAY).at(-1).query).toEqual({ ...SPAN, instructor: "3", ...FIRST_PAGE }));
    await waitFor(() => expect(pager()).toHaveTextContent("Classes 1–100 of 250"));
  });

  it("shows no page controls when every class fits on one page", async () => {
    renderPay();
    await screen.findByRole("table", { name: "Pay by class" });
    expect(screen.queryByRole("navigation", { name: "Pay by class pages" })).not.toBeInTheDocument();
    expect(screen.queryByText(/^Classes \d/)).not.toBeInTheDocument();
  });

  it("saves a per-head rate in minor units, with its bounds", async () => {
    const api = reportsApi({ more: { [`PUT ${RATES}/3`]: ({ body }) => reply(200, { instructor_id: 3, rate: body }) } });
    const { user } = renderPay(api);
    await screen.findByRole("table", { name: "Instructor rates" });
    expect(rates().getAllByRole("row")[2]).toHaveTextContent("No rate");
    await user.click(rates().getByRole("button", { name: "Edit rate for Ravi Rao" }));
    expect(screen.getByRole("heading", { name: "Rate for Ravi Rao" })).toHaveFocus();
    await user.selectOptions(screen.getByLabelText("Kind of rate"), "per_head");
    await user.type(screen.getByLabelText("Amount (INR)"), "200");
    await user.type(screen.getByLabelText("Minimum per class (INR)"), "500.50");
    await user.click(screen.getByRole("button", { name: "Save rate" }));
    await screen.findByText("Ravi Rao's rate is saved.");
    expect(api.callsTo(`PUT ${RATES}/3`)[0].body).toEqual({ kind: "per_head", amount: 20000, minimum: 50050, maximum: null });
    expect(api.callsTo(`GET ${RATES}`).length).toBeGreaterThan(1); // read again
  });

  it("checks amounts and shares before sending, and shows the API's refusal beside its field", async () => {
    const api = reportsApi({ more: { [`PUT ${RATES}/2`]: () => apiError(400, "validation_error", "Invalid input.", { share_percent: ["Too generous."] }) } });
    const { user } = renderPay(api);
    await screen.findByRole("table", { name: "Instructor rates" });
    await user.click(rates().getByRole("button", { name: "Edit rate for Dr. Priya Sharma" }));
    expect(screen.getByLabelText("Amount (INR)")).toHaveValue("1500");
    await user.clear(screen.getByLabelText("Amount (INR)"));
    await user.type(screen.getByLabelText("Amount (INR)"), "-5");
    await user.click(screen.getByRole("button", { name: "Save rate" }));
    expect(await screen.findByText("The amount can't be negative.")).toBeInTheDocument();
    expect(screen.getByLabelText("Amount (INR)")).toHaveFocus();

    await user.selectOptions(screen.getByLabelText("Kind of rate"), "share");
    await user.type(screen.getByLabelText("Share (%)"), "140");
    await user.click(screen.getByRole("button", { name: "Save rate" }));
    expect(await screen.findByText("Enter a share from 0 to 100.")).toBeInTheDocument();
    expect(api.callsTo(`PUT ${RATES}/2`)).toHaveLength(0);

    await user.clear(screen.getByLabelText("Share (%)"));
    await user.type(screen.getByLabelText("Share (%)"), "40");
    await user.click(screen.getByRole("button", { name: "Save rate" }));
    expect(await screen.findByText("Too generous.")).toBeInTheDocument();
    expect(api.callsTo(`PUT ${RATES}/2`)[0].body).toEqual({ kind: "share", share_percent: 40 });
  });

  it("shows a manager the rates, which only the owners change", async () => {
    renderPay(reportsApi({ role: "manager" }));
    await screen.findByRole("table", { name: "Instructor rates" });
    expect(rates().getAllByRole("row")[1]).toHaveTextContent("₹1,500 a class");
    expect(rates().queryByRole("button")).not.toBeInTheDocument();
    expect(screen.getByText(/Only the studio's owners change them\./)).toBeInTheDocument();
  });

  it("removes a rate once confirmed", async () => {
    const api = reportsApi({ more: { [`DELETE ${RATES}/2`]: () => reply(204, null) } });
    const { user } = renderPay(api);
    await screen.findByRole("table", { name: "Instructor rates" });
    await user.click(rates().getByRole("button", { name: "Remove rate for Dr. Priya Sharma" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Remove rate" }));
    await screen.findByText("Dr. Priya Sharma has no rate now.");
    expect(api.callsTo(`DELETE ${RATES}/2`)).toHaveLength(1);
  });
});
