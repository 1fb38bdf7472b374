import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { viewerInZone } from "../../../test/viewer-zone.js";
import { formatDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { event, inDays, page } from "../test-fixtures.js";
import { CodesPage } from "./CodesPage.jsx";

const BASE = "main /api/facilitator/2";
const CREATE = `POST ${BASE}/codes`;
const made = (overrides = {}) => ({
  id: 5,
  code: "SPRING20",
  percent_off: 20,
  amount_off: null,
  currency: null,
  max_uses: 50,
  max_uses_per_person: 1,
  uses: 3,
  valid_from: null,
  valid_until: null,
  applies_to: "both",
  event_ids: null,
  status: "active",
  created_at: "2031-01-01T00:00:00+00:00",
  ...overrides,
});
const SPRING = made();
const YIN = made({ id: 6, code: "YIN500", percent_off: null, amount_off: 50_000, currency: "INR", max_uses: null, max_uses_per_person: null, uses: 0, applies_to: "bookings", event_ids: [3], valid_from: "2031-03-01T04:30:00+00:00", valid_until: "2031-03-31T18:29:00+00:00" });
const OLD = made({ id: 7, code: "WINTER", status: "retired" });
const FULL = made({ id: 8, code: "FIRST10", max_uses: 10, uses: 10, applies_to: "passes" });
const GONE = made({ id: 9, code: "DIWALI", valid_until: inDays(-2) });

function codesApi(codes = [SPRING, YIN, OLD, FULL, GONE], more = {}) {
  let current = codes;
  return fakeApi({
    [`GET ${BASE}/events`]: () => ok(page([event({ id: 1, title: "Morning Vinyasa Flow" }), event({ id: 3, title: "Yin Yoga" })])),
    [`GET ${BASE}/codes`]: () => ok({ items: current }),
    [CREATE]: ({ body }) => {
      const code = made({ ...body, id: 10, code: body.code.toUpperCase(), uses: 0, status: "active" });
      current = [code, ...current];
      return reply(201, code);
    },
    [`POST ${BASE}/codes/5/retire`]: () => {
      current = current.map((code) => (code.id === 5 ? { ...code, status: "retired" } : code));
      return ok(current.find((code) => code.id === 5));
    },
    ...more,
  });
}

const renderCodes = (api) => renderApp(<CodesPage />, { route: paths.facilitatorCodes, api, as: "facilitator" });
const rowOf = async (code) => (await screen.findByText(code, { selector: "strong" })).closest("tr");
const form = () => screen.getByRole("region", { name: "A new code" });
const setTime = (label, value) => fireEvent.change(within(form()).getByLabelText(label), { target: { value } });

describe("CodesPage", () => {
  viewerInZone("Asia/Kolkata");

  it("lists the codes with their discount, use, limits, dates and status", async () => {
    renderCodes(codesApi());
    expect(await screen.findByRole("heading", { level: 1, name: "Discount codes" })).toBeInTheDocument();
    expect(document.title).toBe("Discount codes · Sessions & Retreats");
    const spring = await rowOf("SPRING20");
    expect(within(spring).getAllByRole("cell").map((cell) => cell.textContent)).toEqual([
      "SPRING20",
      "20% off",
      "Bookings and passes",
      "3 of 50 used; at most 1 use per person",
      "Any time",
      "Active",
      "Edit SPRING20Retire SPRING20",
    ]);
    const yin = await rowOf("YIN500");
    expect(yin).toHaveTextContent("₹500 off");
    await waitFor(() => expect(yin).toHaveTextContent("BookingsOnly Yin Yoga"));
    expect(yin).toHaveTextContent("0 used, no limit");
    expect(yin).toHaveTextContent(`${formatDateTime(YIN.valid_from, { label: true })} to ${formatDateTime(YIN.valid_until, { label: true })}`);
    expect(yin).toHaveTextContent(/2031.*10:00.* IST to .*2031.*(23:59|11:59 PM) IST/);
    expect(yin).toHaveTextContent("Not valid yet");
    expect(await rowOf("WINTER")).toHaveTextContent("Retired");
    // A retired code is not retired again, but may be edited (made active again).
    expect(within(await rowOf("WINTER")).getAllByRole("button").map((button) => button.textContent)).toEqual(["Edit WINTER"]);
    expect(await rowOf("FIRST10")).toHaveTextContent("Passes");
    expect(await rowOf("FIRST10")).toHaveTextContent("Used up");
    expect(await rowOf("DIWALI")).toHaveTextContent("Expired");
  });

  it("makes a percentage code for one event's bookings, with limits and dates on the facilitator's clock", async () => {
    const api = codesApi([]);
    const { user } = renderCodes(api);
    expect(await screen.findByText("You have no discount codes yet.")).toBeInTheDocument();
    await user.type(within(form()).getByLabelText("Code"), "yin-spring");
    await user.type(within(form()).getByLabelText("Percent off"), "25");
    await user.selectOptions(within(form()).getByLabelText("Good for"), "bookings");
    await user.click(await within(form()).findByRole("checkbox", { name: "Yin Yoga" }));
    await user.type(within(form()).getByLabelText("Uses in all"), "40");
    await user.type(within(form()).getByLabelText("Uses per person"), "2");
    setTime("Valid from", "2031-03-01T10:00");
    setTime("Valid until", "2031-04-01T00:00");
    expect(within(form()).getByLabelText("Valid from")).toHaveAccessibleDescription("Blank: from now. On your clock (IST).");
    await user.click(within(form()).getByRole("button", { name: "Create code" }));
    expect(await screen.findByText("YIN-SPRING is ready to use.")).toBeInTheDocument();
    expect(api.callsTo(CREATE)[0].body).toEqual({
      code: "yin-spring",
      percent_off: 25,
      max_uses: 40,
      max_uses_per_person: 2,
      valid_from: "2031-03-01T04:30:00.000Z",
      valid_until: "2031-03-31T18:30:00.000Z",
      applies_to: "bookings",
      event_ids: [3],
    });
    expect(await rowOf("YIN-SPRING")).toHaveTextContent("25% off");
    expect(within(form()).getByLabelText("Code")).toHaveValue("");
  });

  it("makes an amount code for passes without limits, sending minor units and no events", async () => {
    const api = codesApi([]);
    const { user } = renderCodes(api);
    await screen.findByText("You have no discount codes yet.");
    await user.type(within(form()).getByLabelText("Code"), "PACK500");
    await user.selectOptions(within(form()).getByLabelText("Discount"), "amount");
    expect(within(form()).queryByLabelText("Percent off")).not.toBeInTheDocument();
    await user.type(within(form()).getByLabelText("Amount off"), "500.50");
    await user.selectOptions(within(form()).getByLabelText("Good for"), "passes");
    expect(within(form()).queryByRole("group", { name: "Events" })).not.toBeInTheDocument();
    await user.click(within(form()).getByRole("button", { name: "Create code" }));
    await screen.findByText("PACK500 is ready to use.");
    expect(api.callsTo(CREATE)[0].body).toEqual({ code: "PACK500", amount_off: 50_050, currency: "INR", max_uses: null, max_uses_per_person: null, valid_from: null, valid_until: null, applies_to: "passes", event_ids: null });
  });

  it("checks the fields as the API does before sending", async () => {
    const api = codesApi([]);
    const { user } = renderCodes(api);
    await screen.findByText("You have no discount codes yet.");
    const field = (label) => within(form()).getByLabelText(label);
    await user.type(field("Code"), "spring 20");
    await user.type(field("Percent off"), "120");
    await user.type(field("Uses in all"), "0");
    setTime("Valid from", "2031-03-02T10:00");
    setTime("Valid until", "2031-03-01T10:00");
    await user.click(within(form()).getByRole("button", { name: "Create code" }));
    expect(field("Code")).toHaveAccessibleDescription("3 to 40 letters, digits, - or _. People type it in any case. Use letters, digits, - and _ only (no spaces).");
    expect(field("Code")).toHaveFocus();
    expect(field("Percent off")).toHaveAccessibleDescription("100 makes it free. A whole percentage from 1 to 100.");
    expect(field("Uses in all")).toHaveAccessibleDescription("Blank: no limit. Blank for no limit, or 1 to 1,000,000.");
    expect(field("Valid until")).toHaveAccessibleDescription("Blank: no end. On your clock (IST). It must end after it starts.");
    await user.clear(field("Code"));
    await user.type(field("Code"), "ab");
    await user.selectOptions(field("Discount"), "amount");
    await user.click(within(form()).getByRole("button", { name: "Create code" }));
    expect(field("Code")).toHaveAccessibleDescription(/A code has 3 to 40 characters\.$/);
    expect(field("Amount off")).toHaveAccessibleDescription("Enter the amount to take off, like 500.");
    expect(api.callsTo(CREATE)).toHaveLength(0);
  });

  it("shows the API's refusals beside the fields they name", async () => {
    const api = codesApi([], { [CREATE]: () => apiError(409, "code_exists", "You have a code by that name already.") });
    const { user } = renderCodes(api);
    await screen.findByText("You have no discount codes yet.");
    const field = (label) => within(form()).getByLabelText(label);
    await user.type(field("Code"), "spring20");
    await user.selectOptions(field("Discount"), "amount");
    await user.type(field("Amount off"), "100");
    await user.click(within(form()).getByRole("button", { name: "Create code" }));
    await waitFor(() => expect(field("Code")).toHaveAccessibleDescription(/You have a code by that name already\.$/));
    api.on({ [CREATE]: () => apiError(400, "validation_error", "Invalid input: percent_off, max_uses.", { percent_off: ["Give percent_off or amount_off, not both."], max_uses: ["Too many."] }) });
    await user.clear(field("Code"));
    await user.type(field("Code"), "AUTUMN");
    await user.click(within(form()).getByRole("button", { name: "Create code" }));
    await waitFor(() => expect(field("Amount off")).toHaveAccessibleDescription("Give percent_off or amount_off, not both."));
    expect(field("Uses in all")).toHaveAccessibleDescription("Blank: no limit. Too many.");
  });

  it("retires a code after confirming", async () => {
    const api = codesApi();
    const { user } = renderCodes(api);
    await user.click(await screen.findByRole("button", { name: "Retire SPRING20" }));
    const dialog = screen.getByRole("dialog", { name: "Retire SPRING20?" });
    expect(dialog).toHaveTextContent("No one can use it from now on.");
    await user.click(within(dialog).getByRole("button", { name: "Yes, retire it" }));
    expect(await screen.findByText("SPRING20 is retired: no one can use it from now on.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/codes/5/retire`)).toHaveLength(1);
    await waitFor(() => expect(screen.queryByRole("button", { name: "Retire SPRING20" })).not.toBeInTheDocument());
    expect(await rowOf("SPRING20")).toHaveTextContent("Retired");
  });

  it("keeps a code when the confirmation is declined", async () => {
    const api = codesApi();
    const { user } = renderCodes(api);
    await user.click(await screen.findByRole("button", { name: "Retire SPRING20" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Keep it" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/codes/5/retire`)).toHaveLength(0);
  });

  it("changes a live code's limit, end and state, sending only what changed", async () => {
    const patch = `PATCH ${BASE}/codes/5`;
    const api = codesApi(undefined, { [patch]: ({ body }) => ok(made({ ...body, valid_until: body.valid_until })) });
    const { user } = renderCodes(api);
    await user.click(await screen.findByRole("button", { name: "Edit SPRING20" }));
    const dialog = screen.getByRole("dialog", { name: "Edit SPRING20" });
    expect(dialog).toHaveTextContent("Used 3 times so far.");
    const uses = within(dialog).getByLabelText("Max uses");
    expect(uses).toHaveValue("50");
    await user.clear(uses);
    await user.type(uses, "20");
    fireEvent.change(within(dialog).getByLabelText("Valid until"), { target: { value: "2031-06-30T23:59" } });
    await user.click(within(dialog).getByLabelText("Active: people can use it"));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("SPRING20 is saved.")).toBeInTheDocument();
    expect(api.callsTo(patch)[0].body).toEqual({ max_uses: 20, valid_until: "2031-06-30T18:29:00.000Z", active: false });
  });

  it("keeps max uses at or above the uses so far, and says the API's refusal by the field", async () => {
    const patch = `PATCH ${BASE}/codes/5`;
    const refusal = "This code has been used 4 times: its max uses cannot go below 4.";
    const api = codesApi(undefined, { [patch]: () => apiError(409, "max_uses_below_uses", refusal, { uses: 4 }) });
    const { user } = renderCodes(api);
    await user.click(await screen.findByRole("button", { name: "Edit SPRING20" }));
    const dialog = screen.getByRole("dialog");
    const uses = within(dialog).getByLabelText("Max uses");
    await user.clear(uses);
    await user.type(uses, "2");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(uses).toHaveAccessibleDescription("Blank for no limit. It has been used 3 times: at least 3.");
    expect(api.callsTo(patch)).toHaveLength(0);
    await user.clear(uses);
    await user.type(uses, "3"); // another use came in meanwhile: the API refuses
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(uses).toHaveAccessibleDescription(`Blank for no limit. ${refusal}`));
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });
});
