import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { paths, patterns } from "../../../lib/paths.js";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { myForm, signature, version } from "../test-fixtures.js";
import { MyFormsPage } from "./MyFormsPage.jsx";

const FORMS = [
  myForm(),
  myForm({ id: 6, kind: "health", required_before_first_booking: false, current_version: version({ id: 40, title: "Health questionnaire" }), status: "outdated" }),
  myForm({ id: 7, kind: "photo_consent", required_before_first_booking: false, current_version: version({ id: 41, title: "Photos in class" }), status: "current" }),
];

const renderMine = (api, route = paths.myForms("lotus-yoga")) => renderApp(<MyFormsPage />, { route, path: patterns.myForms, api, as: "user" });

describe("MyFormsPage", () => {
  afterEach(() => vi.restoreAllMocks());

  it("lists the studio's forms with whether I signed their current version", async () => {
    const api = fakeApi({ "GET main /me/forms": () => ok({ items: FORMS }), "GET main /me/form-signatures": () => ok({ items: [] }) });
    renderMine(api);
    const waiver = (await screen.findByRole("heading", { name: "Liability waiver" })).closest("li");
    expect(waiver).toHaveTextContent("Not signed yet");
    expect(waiver).toHaveTextContent("Needed before your first booking.");
    expect(within(waiver).getByRole("link", { name: "Read and sign" })).toHaveAttribute("href", "/account/forms/5?studio=lotus-yoga");
    const health = screen.getByRole("heading", { name: "Health questionnaire" }).closest("li");
    expect(health).toHaveTextContent("New version to sign");
    const photos = screen.getByRole("heading", { name: "Photos in class" }).closest("li");
    expect(photos).toHaveTextContent("Signed");
    expect(within(photos).getByRole("link", { name: "Read or sign again" })).toBeInTheDocument();
    expect(screen.getByText("You have signed no form yet.")).toBeInTheDocument();
  });

  it("shows a guardian each child's forms, signed for them, with the copies naming the child", async () => {
    const family = { items: [{ id: 31, name: "Ravi" }], consent: { version: "2026-11", wording: "I agree.", sha256: "0".repeat(64) } };
    const api = fakeApi({
      "GET main /me/family/children": () => ok(family),
      "GET main /me/forms": ({ query }) => ok({ items: query.dependent_id ? [myForm()] : [myForm({ status: "current" })] }),
      "GET main /me/form-signatures": () => ok({ items: [signature({ dependent_id: 31 })] }),
    });
    const { user } = renderMine(api);
    const people = await screen.findByRole("navigation", { name: "Whose forms" });
    expect(within(people).getByRole("link", { name: "Me" })).toHaveAttribute("aria-current", "page");
    await user.click(within(people).getByRole("link", { name: "Ravi" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Forms and waivers for Ravi" })).toBeInTheDocument();
    const waiver = (await screen.findByRole("heading", { name: "Liability waiver" })).closest("li");
    expect(waiver).toHaveTextContent("Not signed yet");
    expect(within(waiver).getByRole("link", { name: "Read and sign" })).toHaveAttribute("href", "/account/forms/5?studio=lotus-yoga&for=31");
    expect(api.callsTo("GET main /me/forms").at(-1).query).toEqual({ studio: "lotus-yoga", dependent_id: "31" });
    expect(screen.getByText(/Signed by Asha Verma on .+ for Ravi/)).toBeInTheDocument();
  });

  it("downloads a signed copy", async () => {
    const clicked = [];
    URL.createObjectURL = vi.fn(() => "blob:pdf");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
      clicked.push(this.download);
    });
    const api = fakeApi({ "GET main /me/form-signatures": () => ok({ items: [signature()] }), "GET main /me/form-signatures/77.pdf": () => ok("%PDF") });
    const { user } = renderMine(api, paths.myForms());
    expect(screen.getByText(/open the studio's page/)).toBeInTheDocument();
    const copy = await screen.findByRole("button", { name: "Signed copy (PDF)" });
    expect(copy).toHaveAccessibleDescription(/Signed by Asha Verma on/);
    await user.click(copy);
    await waitFor(() => expect(clicked).toEqual(["signed-form-77.pdf"]));
  });

  it("shows the error of an unknown studio", async () => {
    const api = fakeApi({
      "GET main /me/forms": () => apiError(404, "studio_not_found", "No such studio."),
      "GET main /me/form-signatures": () => ok({ items: [] }),
    });
    renderMine(api);
    expect(await screen.findByRole("alert")).toHaveTextContent("The studio's forms could not be loaded. No such studio.");
  });
});
