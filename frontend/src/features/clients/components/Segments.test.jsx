import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, ok, pageOf, reply } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { BOOK, CLIENTS_CSV, SEGMENTS, bookApi, makeClient, makeSegment } from "../test-fixtures.js";
import { ClientsPage } from "./ClientsPage.jsx";

const LIST = `GET ${BOOK}`;
const ASHA = makeClient(1, { name: "Asha Verma" });
const LAPSED = makeSegment(3, { name: "Lapsed", count: 12 });
const MEMBERS = makeSegment(5, { name: "Members", filters: { member: true }, count: 1 });

const renderClients = (api, route = paths.clients) => renderApp(<ClientsPage />, { route, api, as: USERS.user, studios: true });
const actions = () => screen.findByRole("region", { name: "Client list actions" });

/** Catches the browser download saveBlob starts: [{href, download}]. */
function catchDownloads() {
  const clicked = [];
  URL.createObjectURL = vi.fn(() => "blob:clients");
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
    clicked.push({ href: this.href, download: this.download });
  });
  return clicked;
}

afterEach(() => vi.restoreAllMocks());

describe("ClientsPage's segments", () => {
  it("lists the saved segments with their counts, and applies one picked", async () => {
    const api = bookApi({ clients: [ASHA], segments: [MEMBERS, LAPSED] });
    const { user } = renderClients(api);
    const picker = await screen.findByRole("combobox", { name: "Segment" });
    await screen.findByRole("option", { name: "Lapsed (12 clients)" });
    const names = within(picker).getAllByRole("option").map((option) => option.textContent);
    expect(names).toEqual(["All clients", "Lapsed (12 clients)", "Members (1 client)"]);
    await user.selectOptions(picker, "Lapsed (12 clients)");
    await waitFor(() => expect(api.callsTo(LIST).at(-1).query).toEqual({ segment: "3", page: "1", per_page: "20" }));
    expect(screen.getByTestId("location")).toHaveTextContent("/facilitator/clients?segment=3");
    await user.selectOptions(picker, "All clients");
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/\/facilitator\/clients$/));
  });

  it("says when no segment is saved yet, and when a segment applied is gone", async () => {
    const api = bookApi({ clients: [ASHA], more: { [LIST]: ({ query }) => (query.segment ? apiError(404, "segment_not_found", "No segment 9.") : ok(pageOf([ASHA], query))) } });
    renderClients(api, `${paths.clients}?segment=9`);
    expect(await screen.findByText("No saved segments yet.")).toBeInTheDocument();
    expect(await screen.findByRole("alert")).toHaveTextContent("This segment no longer exists");
    expect(screen.getByRole("combobox", { name: "Segment" })).toHaveValue("9");
  });

  it("saves a segment from a preset under a name, then shows its clients", async () => {
    const api = bookApi({ clients: [ASHA], segments: [LAPSED] });
    const { user } = renderClients(api);
    await screen.findByRole("option", { name: "Lapsed (12 clients)" });
    await user.click(within(await actions()).getByRole("button", { name: "Save as segment" }));
    const form = await screen.findByRole("form", { name: "Save as segment" });
    await user.selectOptions(within(form).getByLabelText("Start from"), "Pack running out");
    expect(within(form).getByLabelText("Segment name")).toHaveValue("Pack running out");
    await user.clear(within(form).getByLabelText("Segment name"));
    await user.type(within(form).getByLabelText("Segment name"), "Top up soon");
    await user.click(within(form).getByRole("button", { name: "Save segment" }));
    expect(await screen.findByText("Segment “Top up soon” saved.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${SEGMENTS}`)[0].body).toEqual({ name: "Top up soon", filters: { pack_credits_at_most: 1 } });
    await waitFor(() => expect(api.callsTo(LIST).at(-1).query.segment).toBe("101"));
    expect(screen.getByRole("combobox", { name: "Segment" })).toHaveValue("101");
    expect(screen.queryByRole("form", { name: "Save as segment" })).not.toBeInTheDocument();
  });

  it("saves the applied tag as a segment, and shows the CRM's refusal beside the field it names", async () => {
    const refused = apiError(400, "validation_error", "Invalid input: name.", { name: ["Shorter than maximum length 100."] });
    const api = bookApi({ clients: [ASHA], more: { [`POST ${SEGMENTS}`]: () => refused } });
    const { user } = renderClients(api, `${paths.clients}?tag=knee`);
    await user.click(await within(await actions()).findByRole("button", { name: "Save as segment" }));
    const form = await screen.findByRole("form", { name: "Save as segment" });
    expect(within(form).getByLabelText("Start from")).toHaveValue("tag");
    expect(within(form).getByLabelText("Segment tag")).toHaveValue("knee");
    expect(within(form).getByLabelText("Segment name")).toHaveValue("Tagged knee");
    await user.click(within(form).getByRole("button", { name: "Save segment" }));
    expect(await within(form).findByText("Shorter than maximum length 100.")).toBeInTheDocument();
    expect(within(form).getByLabelText("Segment name")).toHaveAttribute("aria-invalid", "true");
    expect(api.callsTo(`POST ${SEGMENTS}`)[0].body).toEqual({ name: "Tagged knee", filters: { tag: "knee" } });
  });

  it("names a tag segment after the tag typed, and checks the tag before asking the CRM", async () => {
    const api = bookApi({ clients: [ASHA] });
    const { user } = renderClients(api);
    await user.click(await within(await actions()).findByRole("button", { name: "Save as segment" }));
    const form = await screen.findByRole("form", { name: "Save as segment" });
    await user.selectOptions(within(form).getByLabelText("Start from"), "Clients with a tag");
    await user.type(within(form).getByLabelText("Segment tag"), "knee!");
    expect(within(form).getByLabelText("Segment name")).toHaveValue("Tagged knee!");
    await user.click(within(form).getByRole("button", { name: "Save segment" }));
    expect(await within(form).findByText(/Letters, digits, spaces/)).toBeInTheDocument();
    expect(within(form).getByLabelText("Segment tag")).toHaveAttribute("aria-invalid", "true");
    await user.type(within(form).getByLabelText("Segment tag"), "{Backspace}");
    await user.click(within(form).getByRole("button", { name: "Save segment" }));
    expect(await screen.findByText("Segment “Tagged knee” saved.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${SEGMENTS}`)[0].body).toEqual({ name: "Tagged knee", filters: { tag: "knee" } });
  });

  it("checks the name before asking the CRM, and says when the studio keeps too many", async () => {
    const api = bookApi({ clients: [ASHA], more: { [`POST ${SEGMENTS}`]: () => apiError(409, "segment_limit", "A studio keeps at most 50 segments.") } });
    const { user } = renderClients(api);
    await user.click(await within(await actions()).findByRole("button", { name: "Save as segment" }));
    const form = await screen.findByRole("form", { name: "Save as segment" });
    await user.clear(within(form).getByLabelText("Segment name"));
    await user.click(within(form).getByRole("button", { name: "Save segment" }));
    expect(await within(form).findByText("Name the segment.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${SEGMENTS}`)).toHaveLength(0);
    await user.type(within(form).getByLabelText("Segment name"), "Lapsed");
    await user.click(within(form).getByRole("button", { name: "Save segment" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("The segment was not saved. A studio keeps at most 50 segments");
  });

  it("renames the applied segment, and deletes it after a confirmation", async () => {
    const segments = [LAPSED];
    const api = bookApi({
      clients: [ASHA],
      segments,
      more: {
        [`PATCH ${SEGMENTS}/3`]: ({ body }) => ok(Object.assign(segments[0], body)),
        [`DELETE ${SEGMENTS}/3`]: () => {
          segments.splice(0, 1);
          return reply(204, null);
        },
      },
    });
    const { user } = renderClients(api, `${paths.clients}?segment=3`);
    await user.click(await within(await actions()).findByRole("button", { name: "Rename segment" }));
    const form = await screen.findByRole("form", { name: "Rename segment" });
    await user.clear(within(form).getByLabelText("New name"));
    await user.type(within(form).getByLabelText("New name"), "Gone quiet");
    await user.click(within(form).getByRole("button", { name: "Save name" }));
    expect(await screen.findByText("Segment renamed “Gone quiet”.")).toBeInTheDocument();
    expect(api.callsTo(`PATCH ${SEGMENTS}/3`)[0].body).toEqual({ name: "Gone quiet" });
    expect(await screen.findByRole("option", { name: "Gone quiet (12 clients)" })).toBeInTheDocument();

    await user.click(within(await actions()).getByRole("button", { name: "Delete segment" }));
    const dialog = screen.getByRole("dialog", { name: "Delete the segment “Gone quiet”?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete segment" }));
    expect(await screen.findByText("Segment “Gone quiet” deleted.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/\/facilitator\/clients$/));
    expect(api.callsTo(`DELETE ${SEGMENTS}/3`)).toHaveLength(1);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("downloads the list as a CSV with its filters or its segment", async () => {
    const clicked = catchDownloads();
    const api = bookApi({ clients: [ASHA], segments: [LAPSED], more: { [`GET ${CLIENTS_CSV}`]: () => ok('"id","name"\r\n') } });
    const { user } = renderClients(api, `${paths.clients}?q=asha&tag=knee&segment=3`);
    await user.click(await within(await actions()).findByRole("button", { name: "Download CSV" }));
    await waitFor(() => expect(clicked).toEqual([{ href: "blob:clients", download: "clients-lotus-yoga.csv" }]));
    expect(api.callsTo(`GET ${CLIENTS_CSV}`)[0].query).toEqual({ q: "asha", tag: "knee", segment: "3" });
  });

  it("says why the CSV could not be downloaded", async () => {
    catchDownloads();
    const api = bookApi({ clients: [ASHA], more: { [`GET ${CLIENTS_CSV}`]: () => apiError(503, "main_api_unavailable", "Unavailable") } });
    const { user } = renderClients(api);
    await user.click(await within(await actions()).findByRole("button", { name: "Download CSV" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The CSV could not be downloaded. The client book can't be reached right now");
  });

  it("shows an instructor no segments, only the CSV of the people they teach", async () => {
    const api = bookApi({ role: "instructor", clients: [ASHA], segments: [LAPSED] });
    renderClients(api);
    expect(await screen.findByText("The people booked into the sessions you teach.")).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo(LIST)).toHaveLength(1));
    expect(within(await actions()).getByRole("button", { name: "Download CSV" })).toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: "Segment" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save as segment" })).not.toBeInTheDocument();
    expect(api.callsTo(`GET ${SEGMENTS}`)).toHaveLength(0);
  });
});
