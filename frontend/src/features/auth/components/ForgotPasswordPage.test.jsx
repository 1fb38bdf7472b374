import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { ForgotPasswordPage } from "./ForgotPasswordPage.jsx";
import { resetRequested } from "../wording.js";

const RESET = "POST main /auth/password-reset";
const accepted = () => reply(202, { message: "If an account uses this email, a link to reset its password is on its way." });

function renderForgot({ api = fakeApi({ [RESET]: accepted }), config } = {}) {
  return renderApp(<ForgotPasswordPage />, { route: paths.forgotPassword, api, config });
}

async function ask(user, email = "asha@example.com") {
  if (email) await user.type(screen.getByLabelText("Email"), email);
  await user.click(screen.getByRole("button", { name: "Send the link" }));
}

describe("ForgotPasswordPage", () => {
  it("sends the email and says a link is on its way, whether or not an account uses it", async () => {
    const { user, api } = renderForgot();
    expect(screen.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeInTheDocument();
    expect(document.title).toBe("Forgot your password? · Sessions & Retreats");
    expect(screen.getByLabelText("Email")).toHaveAttribute("autocomplete", "email");
    await ask(user, "  asha@example.com ");

    const message = await screen.findByText(resetRequested());
    expect(message).toHaveAttribute("role", "status");
    expect(message.closest(".outcome")).toHaveFocus();
    expect(api.callsTo(RESET).map((call) => call.body)).toEqual([{ email: "asha@example.com" }]);
    expect(screen.queryByLabelText("Email")).not.toBeInTheDocument();
    // Only in development does the page point to the mailbox.
    expect(screen.queryByRole("link", { name: "open the mailbox" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login");
  });

  it("points to the development mailbox in development", async () => {
    const { user } = renderForgot({ config: { devTools: true } });
    await ask(user);
    const link = await screen.findByRole("link", { name: "open the mailbox" });
    expect(link).toHaveAttribute("href", "/mailbox");
    expect(link.closest("p")).toHaveTextContent("Development: open the mailbox");
  });

  it("lets the person send it again", async () => {
    const { user, api } = renderForgot();
    await ask(user);
    await user.click(await screen.findByRole("button", { name: "send it again" }));
    expect(screen.getByLabelText("Email")).toHaveValue("asha@example.com");
    await user.click(screen.getByRole("button", { name: "Send the link" }));
    expect(await screen.findByText(resetRequested())).toBeInTheDocument();
    expect(api.callsTo(RESET)).toHaveLength(2);
  });

  it("checks the address before sending anything", async () => {
    const { user, api } = renderForgot();
    await ask(user, "");
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter your email address.");
    expect(screen.getByLabelText("Email")).toHaveFocus();
    await ask(user, "asha");
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter an email address like name@example.com.");
    expect(api.calls).toHaveLength(0);
  });

  it("shows the server's 400 at the field", async () => {
    const api = fakeApi({ [RESET]: () => apiError(400, "validation_error", "Invalid input: email.", { email: ["Not a valid email address."] }) });
    const { user } = renderForgot({ api });
    await ask(user, "asha@example.c");
    await waitFor(() => expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Not a valid email address."));
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Email")).toHaveFocus();
    expect(screen.queryByText(resetRequested())).not.toBeInTheDocument();
  });

  it("counts down the seconds a 429 asks for, sending nothing meanwhile", async () => {
    const api = fakeApi({
      [RESET]: () => reply(429, { error: { code: "too_many_requests", message: "Too many password-reset requests; try again in 1 second.", details: {} } }, { "Retry-After": "1" }),
    });
    const { user } = renderForgot({ api });
    await ask(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many requests. Try again in 1 second.");
    const waiting = screen.getByRole("button", { name: "Wait 1 s" });
    expect(waiting).toHaveAttribute("aria-disabled", "true");
    await user.click(waiting);
    expect(api.callsTo(RESET)).toHaveLength(1);
    await waitFor(() => expect(screen.getByRole("button", { name: "Send the link" })).toBeInTheDocument(), { timeout: 3000 });
  });

  it("shows other failures above the form", async () => {
    const api = fakeApi({ [RESET]: () => apiError(500, "internal_error", "Something went wrong on our side.") });
    const { user } = renderForgot({ api });
    await ask(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong on our side.");
    expect(screen.getByLabelText("Email")).toHaveValue("asha@example.com");
  });
});
