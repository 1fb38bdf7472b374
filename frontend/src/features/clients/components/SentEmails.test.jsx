import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { SENT_EMAILS, bookApi, makeClient, makeSentEmail } from "../test-fixtures.js";
import { ClientsPage } from "./ClientsPage.jsx";

const renderClients = (api) => renderApp(<ClientsPage />, { route: paths.clients, api, as: USERS.user, studios: true });
const sentRegion = () => screen.findByRole("region", { name: "Sent emails" });

describe("ClientsPage's sent emails", () => {
  it("lists the studio's marketing emails under the clients, a page at a time", async () => {
    const sent = Array.from({ length: 25 }, (_, index) => makeSentEmail(30 - index));
    sent[0] = makeSentEmail(30, { subject: "Come back this week", recipients: 1250, unsubscribed: 3, sent_by: { id: 9, name: "Ravi Iyer" } });
    const api = bookApi({ clients: [makeClient(1)], sent });
    const { user } = renderClients(api);
    const region = await sentRegion();
    const table = await within(region).findByRole("table", { name: "Sent emails" });
    const first = within(table).getByRole("rowheader", { name: "Come back this week" }).closest("tr");
    expect(within(first).getAllByRole("cell").map((cell) => cell.textContent).slice(0, 4)).toEqual(["Lapsed", "1,250", "3", "Ravi Iyer"]);
    expect(within(table).getAllByRole("row")).toHaveLength(21); // the header and a page of 20

    const pages = within(region).getByRole("navigation", { name: "Sent emails pages" });
    await user.click(within(pages).getByRole("button", { name: "Next" }));
    await waitFor(() => expect(api.callsTo(SENT_EMAILS).at(-1).query).toEqual({ page: "2" }));
    expect(await within(region).findByText("Page 2 of 2")).toBeInTheDocument();
    expect(within(region).getAllByRole("row")).toHaveLength(6);
  });

  it("says when nothing was sent yet, and when the list can't be read", async () => {
    const { unmount } = renderClients(bookApi({ clients: [makeClient(1)] }));
    expect(await within(await sentRegion()).findByText("No email sent to a segment yet.")).toBeInTheDocument();
    unmount();

    const api = bookApi({ clients: [makeClient(1)], more: { [SENT_EMAILS]: () => apiError(500, "internal_error", "Something went wrong.") } });
    renderClients(api);
    expect(await within(await sentRegion()).findByRole("alert")).toHaveTextContent("The sent emails could not be loaded.");
  });
});
