import { act, screen, waitFor } from "@testing-library/react";
import { useEffect } from "react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok } from "../test/fake-api.js";
import { renderApp, USERS } from "../test/render.jsx";
import { makeStudio, studioList } from "../test/studios.js";
import { useStudio } from "./studio.jsx";

const LOTUS = makeStudio("owner");
const RIVER = makeStudio("instructor", { id: 5, name: "River Room", slug: "river-room" });

const probe = { current: null };
/** Shows what useStudio gives, and keeps it for the test to call. */
function Probe() {
  const value = useStudio();
  useEffect(() => {
    probe.current = value;
  });
  const { studio, isLoading, base, ready } = value;
  if (isLoading) return <p>Loading</p>;
  return (
    <dl>
      <dt>studio</dt>
      <dd data-testid="studio">{studio ? `${studio.slug} ${studio.my_role}` : "none"}</dd>
      <dt>base</dt>
      <dd data-testid="base">{`${base} ${ready ? "ready" : "waiting"}`}</dd>
    </dl>
  );
}

const studiosApi = (...studios) => fakeApi({ "GET main /api/studios": () => ok(studioList(...studios)) });
const renderProbe = (api, as = "user") => renderApp(<Probe />, { api, as, studios: true });

describe("StudioProvider and useStudio", () => {
  it("reads my studios and makes the first the current one, its base the staff API's", async () => {
    renderProbe(studiosApi(LOTUS, RIVER));
    expect(await screen.findByTestId("studio")).toHaveTextContent("lotus-yoga owner");
    expect(screen.getByTestId("base")).toHaveTextContent("/api/studios/lotus-yoga ready");
    expect(probe.current.studios.map((studio) => studio.slug)).toEqual(["lotus-yoga", "river-room"]);
  });

  it("answers can() from the current studio's my_permissions", async () => {
    renderProbe(studiosApi(RIVER, LOTUS));
    await screen.findByTestId("studio");
    expect(probe.current.can("sessions.own")).toBe(true);
    expect(probe.current.can("events.manage")).toBe(false);
    act(() => probe.current.setStudio("lotus-yoga"));
    expect(probe.current.can("events.manage")).toBe(true);
    expect(probe.current.can("members.all")).toBe(true);
  });

  it("remembers the studio chosen, per account, on this device", async () => {
    const first = renderProbe(studiosApi(LOTUS, RIVER));
    await screen.findByTestId("studio");
    act(() => probe.current.setStudio("river-room"));
    expect(screen.getByTestId("studio")).toHaveTextContent("river-room instructor");
    expect(screen.getByTestId("base")).toHaveTextContent("/api/studios/river-room ready");
    first.unmount();

    const again = renderProbe(studiosApi(LOTUS, RIVER));
    expect(await screen.findByTestId("studio")).toHaveTextContent("river-room instructor");
    again.unmount();

    // Another account on the same device starts from its own first studio.
    renderProbe(studiosApi(LOTUS, RIVER), { ...USERS.user, id: 99 });
    expect(await screen.findByTestId("studio")).toHaveTextContent("lotus-yoga owner");
  });

  it("falls back to the first studio when the remembered one is no longer mine", async () => {
    window.localStorage.setItem(`studio:${USERS.user.id}`, "gone-studio");
    renderProbe(studiosApi(RIVER));
    expect(await screen.findByTestId("studio")).toHaveTextContent("river-room instructor");
  });

  it("keeps a facilitator without a studio on their seed routes, with an owner's work over their own events", async () => {
    renderProbe(studiosApi(), "facilitator");
    expect(await screen.findByTestId("studio")).toHaveTextContent("none");
    expect(screen.getByTestId("base")).toHaveTextContent("/api/facilitator/2 ready");
    expect(probe.current.hasStaffArea).toBe(true);
    expect(probe.current.can("events.manage")).toBe(true);
    expect(probe.current.can("members.view")).toBe(false);
    expect(probe.current.can("no.such.permission")).toBe(false);
  });

  it("takes a facilitator's seed permissions from the server, not from a list of its own", async () => {
    const narrow = { ...USERS.facilitator, my_permissions: ["sessions.own"] };
    renderProbe(studiosApi(), narrow);
    await screen.findByTestId("studio");
    expect(probe.current.can("sessions.own")).toBe(true);
    expect(probe.current.can("events.manage")).toBe(false);
  });

  it("asks the account's permissions again when the one kept on this device predates them", async () => {
    const kept = { ...USERS.facilitator, my_permissions: undefined };
    const api = fakeApi({ "GET main /api/studios": () => ok(studioList()), "GET main /auth/me": () => ok({ ...kept, my_permissions: ["money.view"] }) });
    renderProbe(api, kept);
    await screen.findByTestId("studio");
    await waitFor(() => expect(probe.current.can("money.view")).toBe(true));
    expect(probe.current.can("events.manage")).toBe(false);
    expect(api.callsTo("GET main /auth/me")).toHaveLength(1);
  });

  it("gives a user account without a studio no staff area", async () => {
    renderProbe(studiosApi());
    await screen.findByTestId("studio");
    expect(probe.current.hasStaffArea).toBe(false);
    expect(probe.current.can("studio.view")).toBe(false);
  });

  it("waits for the list before giving a base staff queries may use", async () => {
    let answer;
    const api = fakeApi({ "GET main /api/studios": () => new Promise((resolve) => (answer = resolve)) });
    renderProbe(api);
    expect(screen.getByText("Loading")).toBeInTheDocument();
    expect(probe.current.ready).toBe(false);
    await waitFor(() => expect(answer).toBeTypeOf("function"));
    answer(ok(studioList(LOTUS)));
    expect(await screen.findByTestId("base")).toHaveTextContent("/api/studios/lotus-yoga ready");
  });

  it("opens with the list kept on the device, then reads it afresh", async () => {
    const first = renderProbe(studiosApi(LOTUS));
    await screen.findByTestId("studio");
    first.unmount();
    const api = fakeApi({ "GET main /api/studios": () => apiError(503, "unavailable", "Down.") });
    renderProbe(api);
    expect(screen.getByTestId("studio")).toHaveTextContent("lotus-yoga owner");
    await waitFor(() => expect(api.callsTo("GET main /api/studios")).not.toHaveLength(0));
  });

  it("adds a studio just made and makes it the current one", async () => {
    renderProbe(studiosApi(LOTUS));
    await screen.findByTestId("studio");
    act(() => probe.current.addStudio(makeStudio("owner", { id: 9, name: "Amber Hall", slug: "amber-hall" })));
    expect(screen.getByTestId("studio")).toHaveTextContent("amber-hall owner");
    expect(probe.current.studios.map((studio) => studio.slug)).toEqual(["amber-hall", "lotus-yoga"]);
  });

  it("answers as for no studio without a provider", () => {
    renderApp(<Probe />, { as: "facilitator" });
    expect(screen.getByTestId("base")).toHaveTextContent("/api/facilitator/2 ready");
  });
});
