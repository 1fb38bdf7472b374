import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { apiError, ok } from "../../../test/fake-api.js";
import { USERS, fakeToken, renderApp } from "../../../test/render.jsx";
import { BOOK, bookApi, makeClient } from "../test-fixtures.js";
import { ClientsPage } from "./ClientsPage.jsx";

const LIST = `GET ${BOOK}`;
const ASHA = makeClient(1, { name: "Asha Verma", email: "asha@example.com", phone: "+919876543210", visits: 12, no_shows: 2 });
const GUEST = makeClient(2, { user_id: null, guest: true, name: null, email: "friend@example.com", last_visit_at: null, visits: 0, no_shows: 0 });
const MANY = [ASHA, GUEST, ...Array.from({ length: 23 }, (_, index) => makeClient(10 + index))];

const renderClients = (api, route = paths.clients) => renderApp(<ClientsPage />, { route, api, as: USERS.user, studios: true });
const rows = () => within(screen.getByRole("table", { name: "Clients" })).getAllByRole("row").slice(1);

describe("ClientsPage", () => {
  it("lists the studio's clients: name, email, phone, last visit, visits and no-shows, each linking to their page", async () => {
    renderClients(bookApi({ clients: [ASHA, GUEST] }));
    expect(await screen.findByRole("heading", { name: "Clients · Lotus Yoga" })).toBeInTheDocument();
    const [asha, guest] = await waitFor(() => {
      expect(rows()).toHaveLength(2);
      return rows();
    });
    expect(within(asha).getByRole("link", { name: "Asha Verma" })).toHaveAttribute("href", paths.client(1));
    const cells = within(asha).getAllByRole("cell").map((cell) => cell.textContent);
    expect(cells).toEqual(["asha@example.com", "+919876543210", expect.stringMatching(/2031/), "12", "2"]);
    expect(cells[2]).toMatch(/Mar/);
    expect(within(guest).getByRole("link", { name: "friend@example.com" })).toBeInTheDocument();
    expect(guest).toHaveTextContent("Guest");
    expect(guest).toHaveTextContent("Never");
    expect(screen.getByText("2 clients, most recently seen first.")).toBeInTheDocument();
    // The list carries no bookings ahead today: no empty column for them.
    expect(screen.queryByRole("columnheader", { name: "Bookings ahead" })).not.toBeInTheDocument();
  });

  it("shows a client's name in another script beside their name, and finds them by it", async () => {
    const PRIYA = makeClient(3, { name: "Priya Sharma", other_name: "प्रिया शर्मा", email: "priya@example.com" });
    const { user } = renderClients(bookApi({ clients: [ASHA, PRIYA] }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    const priya = rows()[1];
    expect(within(priya).getByRole("rowheader")).toHaveTextContent(/^Priya Sharma · प्रिया शर्मा$/);
    expect(within(priya).getByRole("link", { name: "Priya Sharma" })).toHaveAttribute("href", paths.client(3));
    expect(within(rows()[0]).getByRole("rowheader")).toHaveTextContent(/^Asha Verma$/); // none given: nothing beside
    await user.type(screen.getByLabelText("Search clients"), "प्रिया");
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent("Priya Sharma · प्रिया शर्मा");
  });

  it("searches once typing pauses, not at every key, and keeps the search in the address", async () => {
    const api = bookApi({ clients: MANY });
    const { user } = renderClients(api);
    await waitFor(() => expect(rows()).toHaveLength(20));
    await user.type(screen.getByLabelText("Search clients"), "asha");
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent("Asha Verma");
    const asked = api.callsTo(LIST).map((call) => call.query.q);
    expect(asked.filter(Boolean)).toEqual(["asha"]);
    expect(screen.getByTestId("location")).toHaveTextContent("/facilitator/clients?q=asha");
  });

  it("filters by a tag, and says so when a tag could not be one", async () => {
    const api = bookApi({ clients: [ASHA] });
    const { user } = renderClients(api);
    await waitFor(() => expect(rows()).toHaveLength(1));
    await user.type(screen.getByLabelText("Tag"), "Knee{Enter}");
    await waitFor(() => expect(api.callsTo(LIST).at(-1).query).toEqual({ tag: "knee", page: "1", per_page: "20" }));
    await user.clear(screen.getByLabelText("Tag"));
    await user.type(screen.getByLabelText("Tag"), "knee!{Enter}");
    expect(await screen.findByText(/Letters, digits, spaces/)).toBeInTheDocument();
    expect(screen.getByLabelText("Tag")).toHaveAttribute("aria-invalid", "true");
    expect(api.callsTo(LIST).at(-1).query.tag).toBe("knee");
  });

  it("pages through the clients", async () => {
    const api = bookApi({ clients: MANY });
    const { user } = renderClients(api);
    await waitFor(() => expect(rows()).toHaveLength(20));
    await user.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(screen.getByText("Page 2 of 2")).toBeInTheDocument();
    expect(api.callsTo(LIST).at(-1).query).toEqual({ page: "2", per_page: "20" });
    expect(screen.getByTestId("location")).toHaveTextContent("/facilitator/clients?page=2");
  });

  it("tells an empty book from a search that found nobody, which can be cleared", async () => {
    const empty = renderClients(bookApi());
    expect(await screen.findByText("No clients yet.")).toBeInTheDocument();
    empty.unmount();

    const { user } = renderClients(bookApi({ clients: [ASHA] }), `${paths.clients}?q=nobody`);
    expect(await screen.findByText("No client matches these filters.")).toBeInTheDocument();
    expect(screen.getByLabelText("Search clients")).toHaveValue("nobody");
    await user.click(screen.getByRole("button", { name: "Clear the filters" }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByLabelText("Search clients")).toHaveValue("");
  });

  it("says the CRM is down without calling the book broken, and tries again", async () => {
    let down = true;
    const api = bookApi({ clients: [ASHA], more: { [LIST]: () => (down ? apiError(503, "unavailable", "Service Unavailable") : ok({ items: [ASHA], page: 1, per_page: 20, total: 1, pages: 1 })) } });
    const { user } = renderClients(api);
    expect(await screen.findByRole("alert")).toHaveTextContent("The client book can't be reached right now");
    down = false;
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(rows()).toHaveLength(1));
  });

  it("fetches a token with today's roles when the CRM does not know the studio yet, then asks again", async () => {
    let refreshed = false;
    const api = bookApi({
      clients: [ASHA],
      more: {
        [LIST]: () => (refreshed ? ok({ items: [ASHA], page: 1, per_page: 20, total: 1, pages: 1 }) : apiError(404, "studio_not_found", "No such studio.")),
        "POST main /auth/refresh": () => {
          refreshed = true;
          return ok({ access_token: fakeToken(), token_type: "Bearer", expires_in: 3600, user: USERS.user });
        },
      },
    });
    renderClients(api);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(api.callsTo("POST main /auth/refresh")).toHaveLength(1);
  });

  it("tells an instructor the list holds the people they teach", async () => {
    renderClients(bookApi({ role: "instructor", clients: [ASHA] }));
    expect(await screen.findByText("The people booked into the sessions you teach.")).toBeInTheDocument();
  });

  it("reads in Hindi", async () => {
    await setLanguage("hi");
    renderClients(bookApi({ clients: [ASHA, GUEST] }));
    expect(await screen.findByRole("heading", { name: "क्लाइंट · Lotus Yoga" })).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole("table", { name: "क्लाइंट" })).getAllByRole("row")).toHaveLength(3));
    expect(screen.getByRole("columnheader", { name: "पिछली विज़िट" })).toBeInTheDocument();
    expect(screen.getByText("2 क्लाइंट, हाल में आए लोग पहले।")).toBeInTheDocument();
    expect(screen.getByLabelText("क्लाइंट खोजें", { selector: "input" })).toBeInTheDocument();
  });
});
