import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { studioForm } from "../features/forms/test-fixtures.js";
import { freshDevice, roster } from "../features/checkin/test-fixtures.js";
import { paths, patterns } from "../lib/paths.js";
import { fakeApi, ok, reply } from "../test/fake-api.js";
import { renderApp } from "../test/render.jsx";
import { makeStudio, studioList } from "../test/studios.js";
import { CheckinWithClientCards } from "./CheckinWithClientCards.jsx";

const BOOK = "crm /api/studios/lotus-yoga/clients";
const ASHA = { id: 1, name: "Asha Verma", email: "asha@example.com", visits: 4, no_shows: 0, first_visit_at: "2031-01-06T04:30:00+00:00" };
const KIRAN = { id: 2, name: "Kiran Rao", email: "kiran@example.com", visits: 0, no_shows: 0, first_visit_at: null };
const NOTE = { id: 3, text: "Knee injury, prefers the back row", author: { id: 9, name: "Ravi Iyer" }, created_at: "2031-03-01T04:30:00+00:00", edited_at: null };

function doorApi(role) {
  const people = [ASHA, KIRAN];
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio(role))),
    "GET main /api/studios/lotus-yoga/sessions/12/roster": () => ok(roster()),
    [`POST ${BOOK}/cards`]: ({ body }) =>
      ok({
        items: body.emails.map((email) => {
          const client = people.find((one) => one.email === email) ?? null;
          const notes = client?.id === ASHA.id ? [NOTE] : [];
          return { email, client, notes, notes_total: notes.length, tags: [] };
        }),
      }),
  });
}
const renderDoor = (role) => renderApp(<CheckinWithClientCards />, { route: paths.facilitatorCheckin(12), path: patterns.facilitatorCheckin, api: doorApi(role), as: "user", studios: true });

// jsdom draws nothing: a pad that takes the typed name as the signature.
vi.mock("signature_pad", () => ({
  default: class FakePad {
    addEventListener(name, listener) {
      this[name] = listener;
    }
    clear() {}
    off() {}
  },
}));

/** A child's seat whose waiver nobody signed yet, booked by their guardian Asha (account 501). */
const CHILD_SEAT = {
  booking_id: 500,
  seat: 1,
  name: "Tara Verma",
  email: "asha@example.com",
  booked_by: "Asha Verma",
  booked_by_id: 501,
  child: { id: 61, name: "Tara Verma", notes_for_teacher: "Asthma: inhaler in her bag." },
  code: "E44FCRV5",
  qr: "CHK1:12:500:1:E44FCRV5",
  checked_in_at: null,
  device_id: null,
  forms_missing: [{ document_id: 5, title: "Liability waiver", version: 2 }],
};

describe("CheckinWithClientCards", () => {
  it("shows a child's missing waiver and the notes for the teacher, and collects the guardian's signature", async () => {
    let signed = false;
    const api = doorApi("front_desk");
    api.on({
      "GET main /api/studios/lotus-yoga/sessions/12/roster": () => ok(roster({ seats: [signed ? { ...CHILD_SEAT, forms_missing: [] } : CHILD_SEAT] })),
      "GET main /api/studios/lotus-yoga/forms": () => ok({ items: [studioForm()] }),
      "POST main /api/studios/lotus-yoga/clients/501/forms/5/signatures": () => {
        signed = true;
        return reply(201, { id: 90 });
      },
    });
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue({ scale: vi.fn(), fillText: vi.fn() });
    vi.spyOn(HTMLCanvasElement.prototype, "toDataURL").mockReturnValue("data:image/png;base64,iVBORw0KGgo=");
    const { user } = renderApp(<CheckinWithClientCards />, { route: paths.facilitatorCheckin(12), path: patterns.facilitatorCheckin, api, as: "user", studios: true });
    const row = (await screen.findByText("Tara Verma", { selector: ".checkin-person-name > span" })).closest("li");
    expect(row).toHaveTextContent("child of Asha Verma");
    expect(row).toHaveTextContent("Note for the teacher: Asthma: inhaler in her bag.");
    expect(row).toHaveTextContent("Form missing: Liability waiver");
    await user.click(await within(row).findByRole("button", { name: "Sign Liability waiver at the desk" }));
    const dialog = screen.getByRole("dialog", { name: "Liability waiver for Tara Verma" });
    expect(dialog).toHaveTextContent("Asha Verma signs for Tara Verma, as their parent or guardian.");
    expect(within(dialog).getByLabelText("Signer's full name")).toHaveValue("Asha Verma");
    await user.click(within(dialog).getByRole("radio", { name: "No" }));
    await user.click(within(dialog).getByRole("button", { name: "Sign with my typed name" }));
    await user.click(within(dialog).getByRole("button", { name: "Sign" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.callsTo("POST main /api/studios/lotus-yoga/clients/501/forms/5/signatures")[0].body).toMatchObject({ version_id: 31, full_name: "Asha Verma", dependent_id: 61, answers: { q1: false } });
    await waitFor(() => expect(row).not.toHaveTextContent("Form missing"));
  });


  beforeEach(freshDevice);

  it("shows the front desk who is coming from the client book, under the door's list", async () => {
    renderDoor("front_desk");
    const cards = (await screen.findByRole("heading", { name: "Who is coming" })).closest("section");
    const asha = (await within(cards).findByRole("link", { name: "Asha Verma" })).closest("li");
    expect(await within(asha).findByText(/Knee injury, prefers the back row/)).toBeInTheDocument();
    const kiran = (await within(cards).findByRole("link", { name: "Kiran Rao" })).closest("li");
    expect(within(kiran).getByText("First visit")).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "People" })).toBeInTheDocument(); // the door itself is all there
  });
});
