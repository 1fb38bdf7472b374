import { screen, waitFor } from "@testing-library/react";
import { Route } from "react-router";
import { describe, expect, it } from "vitest";
import { readSession } from "../../../lib/session-store.js";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, reply } from "../../../test/fake-api.js";
import { fakeToken, renderApp } from "../../../test/render.jsx";
import { RegisterPage } from "./RegisterPage.jsx";

const NEW_USER = { id: 9, name: "Meera Nair", email: "meera@example.com", username: null, role: "user" };

function renderRegister({ api, from, email } = {}) {
  const state = from || email ? { ...(from ? { from } : {}), ...(email ? { email } : {}) } : undefined;
  return renderApp(<RegisterPage />, {
    route: { pathname: paths.register, state },
    path: paths.register,
    api,
    routes: <Route path="*" element={<p>Elsewhere</p>} />,
  });
}

async function fillIn(user, { name = "Meera Nair", email = "meera@example.com", password = "long-enough" } = {}) {
  if (name) await user.type(screen.getByLabelText("Name"), name);
  if (email) await user.type(screen.getByLabelText("Email"), email);
  if (password) await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Create account" }));
}

describe("RegisterPage", () => {
  it("checks every field before sending anything", async () => {
    const api = fakeApi();
    const { user } = renderRegister({ api });
    expect(screen.getByRole("heading", { level: 1, name: "Create an account" })).toBeInTheDocument();
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("At least 8 characters.");

    await user.click(screen.getByRole("button", { name: "Create account" }));
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Enter your name.");
    expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Name")).toHaveFocus();
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter your email address.");

    await fillIn(user, { email: "not-an-email", password: "short" });
    expect(screen.getByLabelText("Name")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter an email address like name@example.com.");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("At least 8 characters. Use at least 8 characters.");
    expect(api.calls).toHaveLength(0);
  });

  it("signs the new person in and goes to state.from", async () => {
    const api = fakeApi({
      "POST main /auth/register": () => reply(201, { access_token: fakeToken(), token_type: "Bearer", expires_in: 3600, user: NEW_USER }),
    });
    const { user } = renderRegister({ api, from: paths.event(3) });
    await fillIn(user);
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/events/3"));
    expect(api.callsTo("POST main /auth/register")[0].body).toEqual({ name: "Meera Nair", email: "meera@example.com", password: "long-enough" });
    expect(readSession().user).toEqual(NEW_USER);
  });

  it("sends a mobile number and the texts choice only when a number is given, and shows the server's word on it", async () => {
    let answer = apiError(400, "validation_error", "Invalid input: phone.", { phone: ["Give a mobile number: texts cannot reach this one."] });
    const api = fakeApi({
      "POST main /auth/register": () => answer,
    });
    const { user } = renderRegister({ api });
    const texts = screen.getByRole("checkbox", { name: "Text me reminders and changes to my bookings" });
    expect(texts).toBeDisabled(); // nothing to text yet
    expect(texts).not.toBeChecked();
    await user.type(screen.getByLabelText("Mobile number (optional)"), " +91 11 2345 6789 ");
    expect(texts).toBeEnabled();
    await user.click(texts);
    await fillIn(user);
    const phone = screen.getByLabelText("Mobile number (optional)");
    await waitFor(() => expect(phone).toHaveAccessibleDescription(/texts cannot reach this one/));
    expect(phone).toHaveAttribute("aria-invalid", "true");
    expect(api.callsTo("POST main /auth/register")[0].body).toEqual({
      name: "Meera Nair",
      email: "meera@example.com",
      password: "long-enough",
      phone: "+91 11 2345 6789",
      sms_enabled: true,
    });

    answer = reply(201, { access_token: fakeToken(), token_type: "Bearer", expires_in: 3600, user: NEW_USER });
    await user.clear(phone);
    expect(texts).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Create account" }));
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/));
    expect(api.callsTo("POST main /auth/register")[1].body).toEqual({ name: "Meera Nair", email: "meera@example.com", password: "long-enough" });
  });

  it("sends the name in another script only when one is typed, and shows the server's word on it", async () => {
    const api = fakeApi({
      "POST main /auth/register": () => apiError(400, "validation_error", "Invalid input: other_name.", { other_name: ["Longer than maximum length 200."] }),
    });
    const { user } = renderRegister({ api });
    const otherName = screen.getByLabelText("Name in another script (optional)");
    expect(otherName).toHaveAccessibleDescription("If you also write your name in Devanagari or Latin letters: the studio finds you by either.");
    expect(otherName).not.toBeRequired();
    await user.type(otherName, " प्रिया शर्मा ");
    await fillIn(user, { name: "Priya Sharma", email: "priya@example.com" });
    await waitFor(() => expect(otherName).toHaveAccessibleDescription(/Longer than maximum length 200\./));
    expect(otherName).toHaveAttribute("aria-invalid", "true");
    expect(api.callsTo("POST main /auth/register")[0].body).toEqual({ name: "Priya Sharma", other_name: "प्रिया शर्मा", email: "priya@example.com", password: "long-enough" });

    await user.clear(otherName);
    await user.type(otherName, "   ");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    await waitFor(() => expect(api.callsTo("POST main /auth/register")).toHaveLength(2));
    expect(api.callsTo("POST main /auth/register")[1].body).toEqual({ name: "Priya Sharma", email: "priya@example.com", password: "long-enough" });
  });

  it("starts with the address the page before knew (an invitation's)", () => {
    renderRegister({ from: "/invitations/abc", email: "meera@example.com" });
    expect(screen.getByLabelText("Email")).toHaveValue("meera@example.com");
    expect(screen.getByLabelText("Name")).toHaveValue("");
  });

  it("goes to the events without state.from", async () => {
    const api = fakeApi({
      "POST main /auth/register": () => reply(201, { access_token: fakeToken(), token_type: "Bearer", expires_in: 3600, user: NEW_USER }),
    });
    const { user } = renderRegister({ api });
    await fillIn(user);
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/));
  });

  it("shows the server's 400 details on their fields", async () => {
    const api = fakeApi({
      "POST main /auth/register": () =>
        apiError(400, "validation_error", "Invalid input: email, password.", {
          email: ["Not a valid email address."],
          password: ["Length must be between 8 and 128."],
        }),
    });
    const { user } = renderRegister({ api });
    await fillIn(user, { email: "meera@localhost.x" });
    await waitFor(() => expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Not a valid email address."));
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("At least 8 characters. Length must be between 8 and 128.");
    expect(screen.getByLabelText("Name")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the fields marked below.");
    expect(readSession()).toBeNull();
  });

  it("says clearly when the email is taken, and offers the login", async () => {
    const api = fakeApi({
      "POST main /auth/register": () =>
        apiError(409, "email_taken", "An account with this email already exists.", { email: ["already registered"] }),
    });
    const { user } = renderRegister({ api });
    await fillIn(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("An account with this email already exists.");
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("This email is already registered.");
    expect(screen.getByRole("link", { name: "Log in instead" })).toHaveAttribute("href", "/login");
    expect(screen.getByRole("button", { name: "Create account" })).toBeEnabled();
  });
});
