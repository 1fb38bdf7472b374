import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { signature, studioForm } from "../test-fixtures.js";
import { ClientForms } from "./ClientForms.jsx";

const BASE = "main /api/studios/lotus-yoga";

function clientApi(role) {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio(role))),
    [`GET ${BASE}/forms`]: () => ok({ items: [studioForm()] }),
    [`GET ${BASE}/clients/12/form-signatures`]: () =>
      ok({ items: [signature({ id: 80, answers: { q1: true, q2: "A sore knee" } }), signature({ id: 79, version_id: 30, answers: { q1: false } })] }),
  });
}

describe("ClientForms", () => {
  it("shows the front desk what the client signed, with the answers", async () => {
    renderApp(<ClientForms userId={12} />, { api: clientApi("front_desk"), as: USERS.user, studios: true });
    expect(await screen.findByRole("heading", { name: "Signed forms" })).toBeInTheDocument();
    const [latest, older] = await screen.findAllByRole("listitem");
    expect(latest).toHaveTextContent("Liability waiver");
    expect(latest).toHaveTextContent("Current version");
    expect(latest).toHaveTextContent(/Signed by Asha Verma on/);
    expect(latest).toHaveTextContent("Are you pregnant?Yes");
    expect(latest).toHaveTextContent("Injuries the teacher should know ofA sore knee");
    expect(older).toHaveTextContent("An older version");
    expect(older).toHaveTextContent("q1No");
  });

  it("downloads the client's signed copy", async () => {
    const clicked = [];
    URL.createObjectURL = vi.fn(() => "blob:pdf");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
      clicked.push(this.download);
    });
    const api = clientApi("front_desk");
    api.on({ [`GET ${BASE}/clients/12/form-signatures/80.pdf`]: () => ok("%PDF") });
    const { user } = renderApp(<ClientForms userId={12} />, { api, as: USERS.user, studios: true });
    const [latest] = await screen.findAllByRole("listitem");
    const copy = within(latest).getByRole("button", { name: "Signed copy (PDF)" });
    expect(copy).toHaveAccessibleDescription(/Signed by Asha Verma on/);
    await user.click(copy);
    await waitFor(() => expect(clicked).toEqual(["signed-form-80.pdf"]));
    vi.restoreAllMocks();
  });

  it("shows nothing to an instructor", async () => {
    const api = clientApi("instructor");
    const { container } = renderApp(<ClientForms userId={12} />, { api, as: USERS.user, studios: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.querySelector(".client-forms")).toBeNull();
    expect(api.callsTo(`GET ${BASE}/clients/12/form-signatures`)).toHaveLength(0);
  });
});
