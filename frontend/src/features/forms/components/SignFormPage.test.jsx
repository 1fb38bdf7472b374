import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { paths, patterns } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { myForm, signature, version } from "../test-fixtures.js";
import { SignFormPage } from "./SignFormPage.jsx";

// jsdom draws nothing: the pad is a stand-in that records its listeners, so a test can end a stroke.
const pads = vi.hoisted(() => []);
vi.mock("signature_pad", () => ({
  default: class FakePad {
    constructor(canvas) {
      this.canvas = canvas;
      this.listeners = {};
      pads.push(this);
    }
    addEventListener(name, listener) {
      this.listeners[name] = listener;
    }
    clear() {}
    off() {}
    /** A stroke drawn and lifted. */
    draw() {
      this.listeners.endStroke?.();
    }
  },
}));

const PNG = "data:image/png;base64,iVBORw0KGgo=";
const context = { scale: vi.fn(), fillText: vi.fn() };

const signed = signature();

function signApi(more = {}) {
  return fakeApi({
    "GET main /me/forms": () => ok({ items: [myForm()] }),
    "POST main /me/forms/5/signatures": () => reply(201, signed),
    ...more,
  });
}

const renderSign = (api, route = paths.signForm(5, "lotus-yoga")) => renderApp(<SignFormPage />, { route, path: patterns.signForm, api, as: "user" });
const FAMILY = { items: [{ id: 31, name: "Ravi" }], consent: { version: "2026-11", wording: "I agree.", sha256: "0".repeat(64) } };

describe("SignFormPage", () => {
  beforeEach(() => {
    pads.length = 0;
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(context);
    vi.spyOn(HTMLCanvasElement.prototype, "toDataURL").mockReturnValue(PNG);
  });
  afterEach(() => vi.restoreAllMocks());

  it("shows the version's words and questions, and the pad by its name", async () => {
    const api = signApi();
    renderSign(api);
    expect(await screen.findByRole("heading", { level: 1, name: "Liability waiver" })).toBeInTheDocument();
    expect(api.callsTo("GET main /me/forms")[0].query).toEqual({ studio: "lotus-yoga" });
    expect(screen.getByText("Liability waiver · version 2")).toBeInTheDocument();
    expect(screen.getByLabelText("The form's words")).toHaveTextContent("I practise at my own risk.");
    expect(screen.getByRole("group", { name: /^Are you pregnant\?/ })).toBeInTheDocument();
    expect(screen.getByLabelText("Injuries the teacher should know of")).toBeInTheDocument();
    expect(screen.getByLabelText("Your full name")).toHaveValue("Asha Verma");
    expect(screen.getByRole("img", { name: "Your signature" })).toHaveAccessibleDescription(/If you cannot draw/);
  });

  it("asks for the required answers and a signature before sending", async () => {
    const api = signApi();
    const { user } = renderSign(api);
    await user.click(await screen.findByRole("button", { name: "Sign" }));
    expect(screen.getByText("Answer this question.")).toBeInTheDocument();
    expect(screen.getByText("Draw your signature, or sign with your typed name.")).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Yes" })).toHaveFocus();
    expect(api.callsTo("POST main /me/forms/5/signatures")).toHaveLength(0);
  });

  it("signs with a drawn signature, the answers and the name, then offers the signed copy", async () => {
    const clicked = [];
    URL.createObjectURL = vi.fn(() => "blob:pdf");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
      clicked.push(this.download);
    });
    const api = signApi({ "GET main /me/form-signatures/77.pdf": () => ok("%PDF") });
    const { user } = renderSign(api);
    await user.click(await screen.findByRole("radio", { name: "No" }));
    await user.type(screen.getByLabelText("Injuries the teacher should know of"), "  A sore knee ");
    act(() => pads.at(-1).draw());
    await user.click(screen.getByRole("button", { name: "Sign" }));
    expect(await screen.findByRole("heading", { name: "Signed" })).toHaveFocus();
    expect(api.callsTo("POST main /me/forms/5/signatures")[0].body).toEqual({
      version_id: 31,
      full_name: "Asha Verma",
      signature: PNG,
      answers: { q1: false, q2: "A sore knee" },
    });
    await user.click(screen.getByRole("button", { name: "Signed copy (PDF)" }));
    await waitFor(() => expect(clicked).toEqual(["signed-form-77.pdf"]));
  });

  it("signs for a child of the family as their guardian, and goes back to the child's forms", async () => {
    const api = signApi({ "GET main /me/family/children": () => ok(FAMILY) });
    const { user } = renderSign(api, paths.signForm(5, "lotus-yoga", 31));
    expect(await screen.findByText("You sign this for Ravi, as their parent or guardian.")).toBeInTheDocument();
    expect(api.callsTo("GET main /me/forms")[0].query).toEqual({ studio: "lotus-yoga", dependent_id: "31" });
    await user.click(screen.getByRole("radio", { name: "No" }));
    act(() => pads.at(-1).draw());
    await user.click(screen.getByRole("button", { name: "Sign" }));
    await screen.findByRole("heading", { name: "Signed" });
    expect(api.callsTo("POST main /me/forms/5/signatures")[0].body).toMatchObject({ full_name: "Asha Verma", dependent_id: 31 });
    for (const back of screen.getAllByRole("link", { name: "Back to the studio's forms" })) expect(back).toHaveAttribute("href", "/account/forms?studio=lotus-yoga&for=31");
  });

  it("writes the typed name on the pad for whoever cannot draw", async () => {
    const api = signApi({ "GET main /me/forms": () => ok({ items: [myForm({ current_version: version({ questions: [] }) })] }) });
    const { user } = renderSign(api);
    const name = await screen.findByLabelText("Your full name");
    await user.clear(name);
    expect(screen.getByRole("button", { name: "Sign with my typed name" })).toBeDisabled();
    await user.type(name, "Asha V. Verma");
    await user.click(screen.getByRole("button", { name: "Sign with my typed name" }));
    expect(context.fillText).toHaveBeenCalledWith("Asha V. Verma", expect.any(Number), expect.any(Number), expect.any(Number));
    await user.click(screen.getByRole("button", { name: "Sign" }));
    await screen.findByRole("heading", { name: "Signed" });
    expect(api.callsTo("POST main /me/forms/5/signatures")[0].body).toMatchObject({ full_name: "Asha V. Verma", signature: PNG, answers: {} });
  });

  it("shows the server's word beside the signature it refused", async () => {
    const refused = () => apiError(400, "validation_error", "Invalid input.", { signature: ["Draw your signature again: it must be a PNG image of at most 200 KB."] });
    const api = signApi({ "POST main /me/forms/5/signatures": refused });
    const { user } = renderSign(api);
    await user.click(await screen.findByRole("radio", { name: "Yes" }));
    act(() => pads.at(-1).draw());
    await user.click(screen.getByRole("button", { name: "Sign" }));
    expect(await screen.findByText("Draw your signature again: it must be a PNG image of at most 200 KB.")).toBeInTheDocument();
    expect(screen.getByRole("img", { name: "Your signature" })).toHaveFocus();
  });

  it("shows a version published meanwhile, with the server's reason", async () => {
    let forms = [myForm()];
    const api = signApi({
      "GET main /me/forms": () => ok({ items: forms }),
      "POST main /me/forms/5/signatures": () => {
        forms = [myForm({ current_version: version({ id: 32, number: 3, body: "The new words." }) })];
        return apiError(409, "form_version_outdated", "A newer version of this form was published: read it and sign that one.", { current_version_id: 32 });
      },
    });
    const { user } = renderSign(api);
    await user.click(await screen.findByRole("radio", { name: "Yes" }));
    act(() => pads.at(-1).draw());
    await user.click(screen.getByRole("button", { name: "Sign" }));
    expect(await screen.findByText("Liability waiver · version 3")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("A newer version of this form was published");
    expect(screen.getByLabelText("The form's words")).toHaveTextContent("The new words.");
  });

  it("says so when the studio has no such form", async () => {
    renderSign(signApi({ "GET main /me/forms": () => ok({ items: [] }) }));
    expect(await screen.findByText("This studio has no such form to sign.")).toBeInTheDocument();
  });
});
