import { act, screen } from "@testing-library/react";
import { lazy } from "react";
import { Route } from "react-router";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/render.jsx";
import { PageOutlet } from "./PageOutlet.jsx";

describe("PageOutlet", () => {
  it("says the page is loading, as a status, until its code has come", async () => {
    let arrive;
    const Page = lazy(() => new Promise((resolve) => (arrive = () => resolve({ default: () => <h1>Account</h1> }))));
    renderApp(null, {
      route: "/account",
      path: "/unused",
      routes: (
        <Route element={<PageOutlet />}>
          <Route path="/account" element={<Page />} />
        </Route>
      ),
    });
    expect((await screen.findByText("Loading the page…")).closest('[role="status"]')).toBeInTheDocument();
    expect(screen.queryByRole("heading")).not.toBeInTheDocument();
    await act(async () => arrive());
    expect(await screen.findByRole("heading", { level: 1, name: "Account" })).toBeInTheDocument();
    expect(screen.queryByText("Loading the page…")).not.toBeInTheDocument();
  });
});
