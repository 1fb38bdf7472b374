import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { Layout } from "./Layout.jsx";
import { renderApp, USERS } from "../test/render.jsx";
import { fakeApi, ok } from "../test/fake-api.js";
import { i18next } from "../lib/i18n.js";
import { readSession } from "../lib/session-store.js";

const hindiNav = async () => within(await screen.findByRole("navigation", { name: "मुख्य" }));
const switcher = () => screen.getByRole("combobox", { name: /^(Language|भाषा)$/ });

describe("LanguageSwitcher", () => {
  it("switches the navbar to Hindi at once and remembers it on this device, asking no server of a visitor", async () => {
    const api = fakeApi();
    const { user } = renderApp(<Layout />, { api });
    expect(within(switcher()).getByRole("option", { name: "हिन्दी" })).toHaveAttribute("lang", "hi");
    await user.selectOptions(switcher(), "hi");
    expect((await hindiNav()).getByRole("link", { name: "कार्यक्रम" })).toHaveAttribute("href", "/");
    expect(screen.getByRole("link", { name: "रजिस्टर करें" })).toBeInTheDocument();
    expect(window.localStorage.getItem("language")).toBe("hi");
    expect(document.documentElement.lang).toBe("hi");
    expect(api.calls).toEqual([]);
  });

  it("keeps a signed-in person's choice in their account too", async () => {
    const api = fakeApi({ "PATCH main /auth/me": ({ body }) => ok({ ...USERS.user, ...body }) });
    const { user } = renderApp(<Layout />, { as: "user", api });
    await user.selectOptions(switcher(), "mr");
    expect(await screen.findByRole("button", { name: "लॉग आउट" })).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo("PATCH main /auth/me").map((call) => call.body)).toEqual([{ language: "mr" }]));
    expect(readSession().user.language).toBe("mr");
    expect(window.localStorage.getItem("language")).toBe("mr");
  });

  it("lets a signed-in account's language win over the device's on load", async () => {
    window.localStorage.setItem("language", "en");
    renderApp(<Layout />, { as: { ...USERS.user, language: "hi" } });
    expect((await hindiNav()).getByRole("link", { name: "मेरी बुकिंग" })).toBeInTheDocument();
    expect(i18next.language).toBe("hi");
    expect(switcher()).toHaveValue("hi");
  });
});
