import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { ok } from "../../../test/fake-api.js";
import { ATTENDANCE, REPORTS_BASE, reportsApi, SPAN } from "../test-fixtures.js";
import { ReportsPage } from "./ReportsPage.jsx";

const renderReport = (report) => renderApp(<ReportsPage />, { route: `${paths.reports}?report=${report}&from=${SPAN.from}&to=${SPAN.to}`, api: reportsApi(), as: USERS.user, studios: true });

/** The figure tile named `label`: its value and change, as read. */
function tile(label) {
  const term = screen.getAllByText(label, { selector: "dt" })[0];
  return term.parentElement;
}

/** A table's body rows as lists of their cells' text (the row header first). */
const rowsOf = (name) =>
  within(screen.getByRole("table", { name }))
    .getAllByRole("row")
    .slice(1)
    .map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent));

describe("the revenue report", () => {
  it("compares each figure with the previous period", async () => {
    renderReport("revenue");
    await screen.findByRole("table", { name: "Revenue by period" });
    // Net revenue is what the studio earned, its GST taken out; what came in with the tax is named so.
    expect(tile("Net revenue before tax")).toHaveTextContent("₹9,500");
    expect(tile("Net revenue before tax")).toHaveTextContent("-5% vs previous 30 days");
    expect(tile("Net taken, with tax")).toHaveTextContent("₹11,200");
    expect(tile("Net taken, with tax")).toHaveTextContent("+12% vs previous 30 days");
    expect(screen.queryByText("Net revenue", { selector: "dt" })).not.toBeInTheDocument();
    expect(tile("Refunds")).toHaveTextContent("-50% vs previous 30 days");
    expect(tile("Tax")).toHaveTextContent("New: none in the previous 30 days");
    expect(tile("Credit notes")).toHaveTextContent("No change vs previous 30 days");
  });

  it("draws net revenue by period, summarised, with the same figures in a table", async () => {
    renderReport("revenue");
    await screen.findByRole("table", { name: "Revenue by period" });
    const chart = screen.getByRole("img", { name: /^Bar chart of net revenue before tax by week/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining("₹9,500 in all, the most ₹8,500 (Week of Mar 3, 2031)"));
    const heads = within(screen.getByRole("table", { name: "Revenue by period" })).getAllByRole("columnheader");
    expect(heads.map((head) => head.textContent)).toEqual(["Period", "Gross, with tax", "Refunds, with tax", "Net, with tax", "Tax", "Net before tax", "Invoices", "Credit notes"]);
    expect(rowsOf("Revenue by period")).toEqual([
      ["Week of Mar 1, 2031", "₹1,700", "₹0", "₹1,700", "₹700", "₹1,000", "10", "1"],
      ["Week of Mar 3, 2031", "₹10,000", "₹500", "₹9,500", "₹1,000", "₹8,500", "10", "1"],
    ]);
    expect(within(screen.getByRole("table", { name: "Revenue by period" })).getAllByRole("columnheader")[0]).toHaveAttribute("scope", "col");
    expect(rowsOf("Revenue by kind").map((row) => row[0])).toEqual(["Drop-in classes", "Class packs"]);
    expect(rowsOf("Revenue in other currencies")).toEqual([["USD", "$200", "$0", "$200"]]);
    expect(screen.getByRole("region", { name: "Revenue by period" })).toHaveAttribute("tabindex", "0");
  });

  it("splits what the desk took by how it was paid, UPI among them", async () => {
    renderReport("revenue");
    await screen.findByRole("table", { name: "Taken at the desk by method" });
    expect(rowsOf("Taken at the desk by method")).toEqual([
      ["Cash", "₹800", "₹0", "₹800"],
      ["Card terminal", "₹0", "₹0", "₹0"],
      ["UPI", "₹3,000", "₹500", "₹2,500"],
    ]);
  });

  it("says what is owed both ways: instalments due, and unused credits as a liability", async () => {
    renderReport("revenue");
    await screen.findByRole("heading", { name: "Owed" });
    expect(tile("Instalments due")).toHaveTextContent("₹2,500");
    expect(tile("Unused credits")).toHaveTextContent("14");
    expect(tile("Unused credits worth")).toHaveTextContent("₹4,200");
    expect(tile("Unused credits worth")).toHaveTextContent(/liability/);
  });
});

describe("the attendance report", () => {
  it("compares the fill rate in points and lists it by period, class, weekday and hour, and instructor", async () => {
    renderReport("attendance");
    await screen.findByRole("table", { name: "Attendance by class" });
    expect(tile("Fill rate")).toHaveTextContent("75%");
    expect(tile("Fill rate")).toHaveTextContent("+5 pts vs previous 30 days");
    expect(tile("Booked")).toHaveTextContent("+7% vs previous 30 days");
    expect(screen.getByRole("img", { name: /^Bar chart of fill rate by day.*75% overall, the fullest 90% \(Sat, Mar 1, 2031\)/ })).toBeInTheDocument();
    expect(rowsOf("Attendance by period")).toEqual([
      ["Sat, Mar 1, 2031", "1", "10", "9", "90%", "7", "1", "1", "3"],
      ["Sun, Mar 2, 2031", "0", "0", "0", "—", "-2", "1", "1", "3"],
    ]);
    expect(rowsOf("Attendance by class")[0].slice(0, 5)).toEqual(["Morning Flow", "12", "120", "100", "83%"]);
    expect(rowsOf("Attendance by weekday and hour")[0].slice(0, 2)).toEqual(["Monday 07:00", "4"]);
    expect(rowsOf("Attendance by instructor")[0][0]).toBe("Dr. Priya Sharma");
    expect(within(screen.getByRole("table", { name: "Attendance by class" })).getByRole("columnheader", { name: "Waited, no seat" })).toBeInTheDocument();
    expect(screen.queryByText(/classes with most seats booked/)).not.toBeInTheDocument();
  });

  it("says when the classes listed are the most booked of more", async () => {
    const many = { [`GET ${REPORTS_BASE}/attendance`]: () => ok({ ...ATTENDANCE, classes_total: 2500 }) };
    renderApp(<ReportsPage />, { route: `${paths.reports}?report=attendance&from=${SPAN.from}&to=${SPAN.to}`, api: reportsApi({ more: many }), as: USERS.user, studios: true });
    expect(await screen.findByText("The 1 classes with most seats booked, of 2500 held; the CSV has every class.")).toBeInTheDocument();
  });
});

describe("the clients report", () => {
  it("shows new and returning clients against the period before, the cohorts' returns and the memberships", async () => {
    renderReport("clients");
    await screen.findByRole("table", { name: "Retention cohorts" });
    expect(tile("Clients")).toHaveTextContent("-20% vs previous 30 days");
    expect(tile("Visits")).toHaveTextContent("+20% vs previous 30 days");
    expect(screen.getByRole("img", { name: /^Stacked bar chart of new and returning clients by month.*10 new and 30 returning/ })).toBeInTheDocument();
    expect(rowsOf("Clients by period")).toEqual([["March 2031", "40", "10", "30", "120"]]);
    expect(rowsOf("Retention cohorts")).toEqual([
      ["January 2031", "20", "8 (40%)", "10 (50%)", "12 (60%)"],
      ["February 2031", "5", "1 (20%)", "Too soon to tell", "Too soon to tell"],
    ]);
    expect(tile("Churn rate")).toHaveTextContent("10%");
    expect(tile("Active at the end")).toHaveTextContent("32");
  });
});

describe("the reports in Hindi and Marathi", () => {
  it("reads the revenue report in each", async () => {
    await setLanguage("hi");
    const { unmount } = renderReport("revenue");
    await screen.findByRole("table", { name: "अवधि के हिसाब से आमदनी" });
    expect(screen.getByRole("heading", { level: 1, name: "रिपोर्ट" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "आमदनी" })).toHaveAttribute("aria-selected", "true");
    expect(tile("टैक्स से पहले शुद्ध आमदनी")).toHaveTextContent(/दिनों की तुलना में/);
    expect(screen.getByRole("img", { name: /^टैक्स से पहले शुद्ध आमदनी का बार चार्ट, हफ़्ते के हिसाब से/ })).toBeInTheDocument();
    unmount();
    await setLanguage("mr");
    renderReport("revenue");
    await screen.findByRole("table", { name: "कालावधीनुसार उत्पन्न" });
    expect(screen.getByRole("heading", { level: 1, name: "अहवाल" })).toBeInTheDocument();
    expect(tile("करापूर्वी निव्वळ उत्पन्न")).toHaveTextContent(/दिवसांच्या तुलनेत/);
    expect(screen.getByRole("img", { name: /^करापूर्वी निव्वळ उत्पन्नाचा बार चार्ट, आठवड्यानुसार/ })).toBeInTheDocument();
    expect(within(screen.getByRole("table", { name: "कालावधीनुसार उत्पन्न" })).getByRole("columnheader", { name: "करापूर्वी निव्वळ" })).toBeInTheDocument();
  });
});
