import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { paths } from "../../../lib/paths.js";
import { event, page, storedToken } from "../test-fixtures.js";
import { StudioSwitcher } from "../../../components/StaffBar.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { PassesPage } from "./PassesPage.jsx";

const BASE = "main /api/facilitator/2";
const PACK = { id: 5, facilitator_id: 2, name: "10-class pack", description: "", kind: "pack", credits: 10, valid_days: 90, period: null, sessions_per_week: null, price: 600_000, currency: "INR", event_ids: null, new_customers_only: false, status: "on_sale", created_at: "2031-01-01T00:00:00+00:00", retired_at: null };
const MONTHLY = { ...PACK, id: 6, name: "Monthly", kind: "membership", credits: null, valid_days: null, period: "month", sessions_per_week: 3, price: 450_000, event_ids: [1], new_customers_only: true };

function passesApi(passes = [MONTHLY, PACK], more = {}) {
  let current = passes;
  const api = fakeApi({
    [`GET ${BASE}/events`]: () => ok(page([event({ id: 1, title: "Morning Vinyasa Flow" }), event({ id: 3, title: "Yin Yoga" })])),
    [`GET ${BASE}/passes`]: () => ok({ items: current }),
    [`GET ${BASE}/passes/summary`]: () => ok({ passes_sold: 1204, active_members: 38, credits_outstanding: 96, code_uses: 17 }),
    [`POST ${BASE}/passes`]: ({ body }) => {
      const made = { ...PACK, ...body, id: 7, status: "on_sale" };
      current = [made, ...current];
      return reply(201, made);
    },
    [`POST ${BASE}/passes/5/retire`]: () => {
      current = current.map((pass) => (pass.id === 5 ? { ...pass, status: "retired" } : pass));
      return ok(current.find((pass) => pass.id === 5));
    },
    ...more,
  });
  return api;
}

const renderPasses = (api) => renderApp(<PassesPage />, { route: paths.facilitatorPasses, api, as: "facilitator" });

describe("PassesPage", () => {
  it("lists the passes with their terms, price and the events they cover", async () => {
    renderPasses(passesApi());
    const monthly = (await screen.findByText("Monthly", { selector: "strong" })).closest("tr");
    expect(monthly).toHaveTextContent("Intro offer");
    expect(monthly).toHaveTextContent("Monthly, up to 3 classes a week");
    expect(monthly).toHaveTextContent("₹4,500");
    await waitFor(() => expect(monthly).toHaveTextContent("Morning Vinyasa Flow"));
    const pack = screen.getByText("10-class pack", { selector: "strong" }).closest("tr");
    expect(pack).toHaveTextContent("10 classes, valid 90 days");
    expect(pack).toHaveTextContent("All your events");
  });

  it("puts a membership on sale for one event, sending its terms only", async () => {
    const api = passesApi([]);
    const { user } = renderPasses(api);
    expect(await screen.findByText("You sell no passes yet.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Name"), "Yin monthly");
    await user.selectOptions(screen.getByLabelText("Kind"), "membership");
    expect(screen.queryByLabelText("Classes")).not.toBeInTheDocument();
    await user.type(screen.getByLabelText("Classes a week"), "2");
    expect(screen.getByLabelText("Price")).toHaveAccessibleDescription("Blank or 0: the pass is free."); // a pass, not a session
    await user.type(screen.getByLabelText("Price"), "3000");
    await user.click(await screen.findByRole("checkbox", { name: "Yin Yoga" }));
    await user.click(screen.getByRole("checkbox", { name: /^Shareable: anyone in the buyer's family/ }));
    await user.click(screen.getByRole("button", { name: "Put it on sale" }));
    expect(await screen.findByText("Yin monthly is on sale.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/passes`)[0].body).toEqual({
      name: "Yin monthly",
      kind: "membership",
      period: "month",
      sessions_per_week: 2,
      price: 300_000,
      currency: "INR",
      event_ids: [3],
      new_customers_only: false,
      shareable: true,
    });
  });

  it("says when a membership's renewals will wait for the member's approval", async () => {
    const approval = "Razorpay renews a membership above ₹15,000 a period only when its member approves each renewal.";
    const api = passesApi([], { [`POST ${BASE}/passes`]: ({ body }) => reply(201, { ...MONTHLY, ...body, id: 8, renewal_approval: approval }) });
    const { user } = renderPasses(api);
    await screen.findByText("You sell no passes yet.");
    await user.type(screen.getByLabelText("Name"), "Retreat membership");
    await user.selectOptions(screen.getByLabelText("Kind"), "membership");
    await user.type(screen.getByLabelText("Price"), "16000");
    await user.click(screen.getByRole("button", { name: "Put it on sale" }));
    expect(await screen.findByText(`Retreat membership is on sale. ${approval}`)).toBeInTheDocument();
  });

  it("checks the terms before sending and shows the server's refusal by field", async () => {
    const api = passesApi([], { [`POST ${BASE}/passes`]: () => apiError(400, "validation_error", "Invalid input: event_ids: Not one of your events: 9.", { event_ids: ["Not one of your events: 9."] }) });
    const { user } = renderPasses(api);
    await screen.findByText("You sell no passes yet.");
    await user.clear(screen.getByLabelText("Classes"));
    await user.click(screen.getByRole("button", { name: "Put it on sale" }));
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Give the pass a name.");
    expect(screen.getByLabelText("Classes")).toHaveAccessibleDescription("A number of classes from 1 to 1,000.");
    expect(api.callsTo(`POST ${BASE}/passes`)).toHaveLength(0);
    await user.type(screen.getByLabelText("Name"), "Pack");
    await user.type(screen.getByLabelText("Classes"), "5");
    await user.click(screen.getByRole("button", { name: "Put it on sale" }));
    expect(await screen.findByText("Not one of your events: 9.")).toBeInTheDocument();
  });

  it("retires a pass after confirming", async () => {
    const api = passesApi();
    const { user } = renderPasses(api);
    await user.click(await screen.findByRole("button", { name: "Retire 10-class pack" }));
    const dialog = screen.getByRole("dialog", { name: "Retire 10-class pack?" });
    expect(dialog).toHaveTextContent("The passes people already bought stay good");
    await user.click(within(dialog).getByRole("button", { name: "Yes, retire it" }));
    expect(await screen.findByText("10-class pack is no longer on sale.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/passes/5/retire`)).toHaveLength(1);
    await waitFor(() => expect(screen.queryByRole("button", { name: "Retire 10-class pack" })).not.toBeInTheDocument());
  });

  describe("figures", () => {
    let clicked;
    beforeEach(() => {
      clicked = [];
      URL.createObjectURL = vi.fn(() => "blob:passes-sold");
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
        clicked.push({ href: this.href, download: this.download });
      });
    });
    afterEach(() => vi.restoreAllMocks());

    const figure = (figures, label) => within(figures).getByText(label).nextElementSibling.textContent;

    it("shows passes sold, active members, credits outstanding and code uses", async () => {
      renderPasses(passesApi());
      const region = await screen.findByRole("region", { name: "Your figures" });
      const figures = (await within(region).findByText("Passes sold")).closest("dl");
      expect(figure(figures, "Passes sold")).toBe((1204).toLocaleString());
      expect(figure(figures, "Active members")).toBe("38");
      expect(figure(figures, "Credits outstanding")).toBe("96");
      expect(figure(figures, "Code uses")).toBe("17");
      expect(screen.getByRole("link", { name: "discount codes" })).toHaveAttribute("href", paths.facilitatorCodes);
    });

    it("fetches the CSV of passes sold with the token and saves it under a clear name", async () => {
      const api = passesApi(undefined, { [`GET ${BASE}/passes/sold.csv`]: () => ok("pass_id,name\r\n9,Asha Rao\r\n") });
      const { user } = renderPasses(api);
      await user.click(within(await screen.findByRole("region", { name: "Your figures" })).getByRole("button", { name: "Download CSV" }));
      await waitFor(() => expect(clicked).toHaveLength(1));
      const [call] = api.callsTo(`GET ${BASE}/passes/sold.csv`);
      expect(call.headers.Authorization).toBe(`Bearer ${storedToken()}`);
      expect(clicked[0]).toEqual({ href: "blob:passes-sold", download: "passes-sold.csv" });
      expect(await URL.createObjectURL.mock.calls[0][0].text()).toContain("Asha Rao");
    });

    it("says why the figures or the CSV could not be had", async () => {
      const api = passesApi(undefined, {
        [`GET ${BASE}/passes/summary`]: () => apiError(503, "unavailable", "The database is busy."),
        [`GET ${BASE}/passes/sold.csv`]: () => apiError(403, "forbidden", "Not your passes."),
      });
      const { user } = renderPasses(api);
      const region = await screen.findByRole("region", { name: "Your figures" });
      expect(await within(region).findByRole("alert")).toHaveTextContent("Couldn't load your figures. The database is busy.");
      await user.click(within(region).getByRole("button", { name: "Download CSV" }));
      await waitFor(() => expect(within(region).getAllByRole("alert")).toHaveLength(2));
      expect(within(region).getAllByRole("alert")[0]).toHaveTextContent("The CSV could not be downloaded. Not your passes.");
      expect(clicked).toHaveLength(0);
    });
  });

  it("edits a pass on sale, sending only what changed, and says the passes sold keep their terms", async () => {
    const sent = [];
    const api = passesApi(undefined, { [`PATCH ${BASE}/passes/5`]: ({ body }) => (sent.push(body), ok({ ...PACK, ...body })) });
    const { user } = renderPasses(api);
    await user.click(await screen.findByRole("button", { name: "Edit 10-class pack" }));
    const form = screen.getByRole("region", { name: "Edit 10-class pack" });
    expect(form).toHaveTextContent("the passes sold keep the terms they were bought on");
    expect(within(form).getByLabelText("Kind")).toBeDisabled();
    const classes = within(form).getByLabelText("Classes");
    expect(classes).toHaveValue(10);
    await user.clear(classes);
    await user.type(classes, "12");
    await user.click(within(form).getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("10-class pack is changed for the sales to come; the passes sold keep their terms.")).toBeInTheDocument();
    expect(sent).toEqual([{ credits: 12 }]);
    expect(screen.queryByRole("region", { name: "Edit 10-class pack" })).not.toBeInTheDocument();
  });

  it("works in the current studio, and reads the other studio's passes when switched", async () => {
    const lotus = makeStudio("owner");
    const river = makeStudio("manager", { id: 5, name: "River Room", slug: "river-room" });
    const studioApi = (slug, passes) => ({
      [`GET main /api/studios/${slug}/events`]: () => ok(page([])),
      [`GET main /api/studios/${slug}/passes`]: () => ok({ items: passes }),
      [`GET main /api/studios/${slug}/passes/summary`]: () => ok({ passes_sold: 0, active_members: 0, credits_outstanding: 0, code_uses: 0 }),
    });
    const api = fakeApi({
      "GET main /api/studios": () => ok(studioList(lotus, river)),
      ...studioApi("lotus-yoga", [PACK]),
      ...studioApi("river-room", [MONTHLY]),
    });
    const ui = (
      <>
        <StudioSwitcher />
        <PassesPage />
      </>
    );
    const { user } = renderApp(ui, { route: paths.facilitatorPasses, api, as: "facilitator", studios: true });
    expect(await screen.findByText("10-class pack", { selector: "strong" })).toBeInTheDocument();
    expect(api.calls.some((call) => call.path.startsWith("/api/facilitator/"))).toBe(false);
    await user.selectOptions(screen.getByLabelText("Studio"), "river-room");
    expect(await screen.findByText("Monthly", { selector: "strong" })).toBeInTheDocument();
    expect(screen.queryByText("10-class pack", { selector: "strong" })).not.toBeInTheDocument();
    expect(api.callsTo("GET main /api/studios/river-room/passes")).toHaveLength(1);
  });
});
