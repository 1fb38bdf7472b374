import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, pageOf } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { InvoicesPage } from "./InvoicesPage.jsx";

const BASE = "main /api/studios/lotus-yoga";
const DEFAULTS = {
  legal_name: null, address_lines: [], city: null, postcode: null, state: null, state_code: null, country: null, tax_id: null,
  tax_name: null, tax_rate: 0, prices_include_tax: true, service_code: null, invoice_prefix: "INV-", credit_note_prefix: "CN-", tax_rates: [],
  financial_year_series: false,
};
const DOCUMENTS = [
  { id: 2, kind: "credit_note", number: "CN-000001", issued_at: "2031-03-26T04:30:00+00:00", payment_id: 5, booking_id: 9, pass_id: null, payment_method: "UPI", credits_id: 1, buyer_name: "Asha Verma", description: "Refund: Morning Flow · 27 Mar 2031", currency: "INR", taxable: 100000, tax: 18000, total: 118000 },
  { id: 1, kind: "invoice", number: "INV-000001", issued_at: "2031-03-25T04:30:00+00:00", payment_id: 5, booking_id: 9, pass_id: null, payment_method: "UPI", credits_id: null, buyer_name: "Asha Verma", description: "Morning Flow · 27 Mar 2031", currency: "INR", taxable: 100000, tax: 18000, total: 118000 },
];

function invoicesApi(role = "owner", more = {}) {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio(role))),
    [`GET ${BASE}/invoicing`]: () => ok(DEFAULTS),
    [`PUT ${BASE}/invoicing`]: ({ body }) => ok(body),
    [`GET ${BASE}/invoices`]: ({ query }) => ok(pageOf(DOCUMENTS, query)),
    ...more,
  });
}
const renderPage = (api = invoicesApi()) => renderApp(<InvoicesPage />, { route: paths.studioInvoices, api, as: USERS.user, studios: true });

describe("InvoicesPage", () => {
  afterEach(() => vi.restoreAllMocks());

  it("saves the studio's tax settings as the API takes them", async () => {
    const api = invoicesApi();
    const { user } = renderPage(api);
    await user.type(await screen.findByLabelText("Legal name"), "Lotus Yoga Private Limited");
    await user.type(screen.getByLabelText("Address (one line each)"), "12 MG Road{enter}Indiranagar");
    await user.type(screen.getByLabelText("GST state code"), "29");
    await user.type(screen.getByLabelText("GSTIN or VAT number"), "29AAGCB7383J1Z4");
    await user.selectOptions(screen.getByLabelText("Tax"), "GST");
    await user.type(screen.getByLabelText("Rate (%)"), "18");
    await user.click(screen.getByRole("button", { name: "Save tax settings" }));
    await screen.findByText(/Saved\. New invoices use these settings/);
    expect(api.callsTo(`PUT ${BASE}/invoicing`)[0].body).toEqual({
      ...DEFAULTS,
      legal_name: "Lotus Yoga Private Limited",
      address_lines: ["12 MG Road", "Indiranagar"],
      state_code: "29",
      tax_id: "29AAGCB7383J1Z4",
      tax_name: "GST",
      tax_rate: 1800,
    });
  });

  it("numbers by financial year when asked", async () => {
    const api = invoicesApi();
    const { user } = renderPage(api);
    await user.click(await screen.findByLabelText(/Number by financial year/));
    await user.click(screen.getByRole("button", { name: "Save tax settings" }));
    await screen.findByText(/Saved\. New invoices use these settings/);
    expect(api.callsTo(`PUT ${BASE}/invoicing`)[0].body.financial_year_series).toBe(true);
  });

  it("shows a refused value beside its field", async () => {
    const refused = () => apiError(400, "validation_error", "Invalid input.", { tax_id: ["Not a GSTIN."] });
    const { user } = renderPage(invoicesApi("owner", { [`PUT ${BASE}/invoicing`]: refused }));
    await user.type(await screen.findByLabelText("GSTIN or VAT number"), "29AAGCB7383J1Z5");
    await user.click(screen.getByRole("button", { name: "Save tax settings" }));
    expect(await screen.findByText("Not a GSTIN.")).toBeInTheDocument();
  });

  it("lets a manager read the settings but not change them", async () => {
    renderPage(invoicesApi("manager"));
    expect(await screen.findByLabelText("Legal name")).toBeDisabled();
    expect(screen.queryByRole("button", { name: "Save tax settings" })).toBeNull();
    expect(screen.getByText("Only the studio's owners change these.")).toBeInTheDocument();
  });

  it("lists the documents of a range and exports them as CSV and ZIP", async () => {
    const clicked = [];
    URL.createObjectURL = vi.fn(() => "blob:invoices");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
      clicked.push(this.download);
    });
    const api = invoicesApi("owner", { [`GET ${BASE}/invoices.csv`]: () => ok("number\r\n"), [`GET ${BASE}/invoices.zip`]: () => ok("PK") });
    const { user } = renderPage(api);
    const table = await screen.findByRole("table");
    const [note, invoice] = within(table).getAllByRole("row").slice(1);
    expect(note).toHaveTextContent("CN-000001");
    expect(note).toHaveTextContent("Credit note");
    expect(invoice).toHaveTextContent("INV-000001");
    expect(invoice).toHaveTextContent("₹1,180");
    expect(within(invoice).getByText("UPI")).toHaveAttribute("data-label", "Paid by:");
    await user.selectOptions(screen.getByLabelText("Kind"), "invoice");
    await user.click(screen.getByRole("button", { name: "Show" }));
    await waitFor(() => expect(api.callsTo(`GET ${BASE}/invoices`).at(-1).query).toEqual({ kind: "invoice", page: "1", per_page: "25" }));
    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(clicked).toEqual(["invoices-lotus-yoga.csv"]));
    await user.click(screen.getByRole("button", { name: "Export ZIP (PDFs and CSV)" }));
    await waitFor(() => expect(clicked).toEqual(["invoices-lotus-yoga.csv", "invoices-lotus-yoga.zip"]));
    expect(api.callsTo(`GET ${BASE}/invoices.zip`)[0].query).toEqual({ kind: "invoice" });
  });

  it("downloads one document's PDF from its row", async () => {
    const clicked = [];
    URL.createObjectURL = vi.fn(() => "blob:invoice");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
      clicked.push(this.download);
    });
    const api = invoicesApi("owner", { [`GET ${BASE}/invoices/2.pdf`]: () => ok("%PDF") });
    const { user } = renderPage(api);
    const table = await screen.findByRole("table");
    await user.click(within(table).getByRole("button", { name: "PDF of CN-000001" }));
    await waitFor(() => expect(clicked).toEqual(["CN-000001.pdf"]));
    expect(api.callsTo(`GET ${BASE}/invoices/2.pdf`)).toHaveLength(1);
  });

  it("says why an export was refused", async () => {
    const tooMany = () => apiError(400, "invoices_too_many", "6000 documents match: a ZIP holds at most 5000; ask for a shorter range of dates.");
    const { user } = renderPage(invoicesApi("owner", { [`GET ${BASE}/invoices.zip`]: tooMany }));
    await screen.findByRole("table");
    await user.click(screen.getByRole("button", { name: "Export ZIP (PDFs and CSV)" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("ask for a shorter range of dates");
  });

  it("reads in Hindi and Marathi", async () => {
    await setLanguage("hi");
    const { unmount } = renderPage();
    expect(await screen.findByRole("heading", { name: "टैक्स और इनवॉइस · Lotus Yoga" })).toBeInTheDocument();
    expect(await screen.findByLabelText("क़ानूनी नाम")).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "INV-000001 की PDF" })).toBeInTheDocument();
    unmount();
    await setLanguage("mr");
    renderPage();
    expect(await screen.findByRole("button", { name: "कर सेटिंग्ज सेव्ह करा" })).toBeInTheDocument();
    expect(await screen.findByText("क्रेडिट नोट", { selector: "td" })).toBeInTheDocument();
  });
});
