import { screen, waitFor } from "@testing-library/react";
import { Route, useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import { paths, patterns } from "../../../lib/paths.js";
import { useStudio } from "../../../lib/studio.jsx";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { AcceptInvitationPage } from "./AcceptInvitationPage.jsx";

const TOKEN = "eyJpIjozLCJuIjoiYWJjIn0~Zz9Aaw~sig-nature_x"; // as links.py signs it: "~" between the parts
const LOTUS = makeStudio("owner");
const RIVER = makeStudio("instructor", { id: 5, name: "River Room", slug: "river-room" });

/** The login page's stand-in: where it would send the person back to (and the address it would fill in). */
function SignInStub() {
  const location = useLocation();
  return (
    <>
      <h1>{`Signing in, then back to ${location.state?.from}`}</h1>
      {location.state?.email && <p>{`Email filled in: ${location.state.email}`}</p>}
    </>
  );
}

function StaffStub() {
  const { studio } = useStudio();
  return <h1>{`Staff area of ${studio?.name}`}</h1>;
}

/** GET /api/invitations/<token>'s answer: what the page names before anyone signs in. */
const INVITATION = { studio: { name: "River Room" }, role: "instructor", email: USERS.user.email, invited_by: { name: "Ravi Iyer" }, expires_at: "2031-01-08T00:00:00+00:00" };

function renderAccept({ as = USERS.user, accept = () => ok({ studio: { id: 5, slug: "river-room", name: "River Room" }, role: "instructor" }), shown = () => ok(INVITATION) } = {}) {
  let joined = false;
  const api = fakeApi({
    "GET main /api/studios": () => ok(joined ? studioList(LOTUS, RIVER) : studioList(LOTUS)),
    [`GET main /api/invitations/${TOKEN}`]: shown,
    [`POST main /api/invitations/${TOKEN}/accept`]: (call) => {
      const answer = accept(call);
      joined = answer.status === 200;
      return answer;
    },
  });
  const routes = (
    <>
      <Route path={paths.register} element={<SignInStub />} />
      <Route path={paths.facilitator} element={<StaffStub />} />
    </>
  );
  return renderApp(<AcceptInvitationPage />, { route: paths.invitation(TOKEN), path: patterns.invitation, api, as, studios: true, routes, loginStubs: false });
}

const acceptButton = () => screen.findByRole("button", { name: "Accept the invitation" });

describe("AcceptInvitationPage", () => {
  it("is where the invitation email links: /invitations/<token>", () => {
    expect(paths.invitation(TOKEN)).toBe(`/invitations/${TOKEN}`);
  });

  it("tells a visitor to log in or register, and to come back here after", async () => {
    const { user } = renderAccept({ as: null });
    expect(screen.getByRole("heading", { name: "Join a studio" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Accept the invitation" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Log in" })).toHaveAttribute("href", paths.login);
    await user.click(screen.getByRole("link", { name: "Create an account" }));
    expect(await screen.findByRole("heading", { name: `Signing in, then back to /invitations/${TOKEN}` })).toBeInTheDocument();
  });

  it("names the studio, the role and who invited, and fills in the invited address to create an account", async () => {
    const { user } = renderAccept({ as: null, shown: () => ok({ ...INVITATION, email: "meera@example.com" }) });
    expect(await screen.findByText(/Ravi Iyer invited you to join/)).toHaveTextContent("Ravi Iyer invited you to join River Room as an instructor.");
    expect(screen.getByText(/Log in with the account of meera@example.com/)).toBeInTheDocument();
    await user.click(screen.getByRole("link", { name: "Create an account" }));
    expect(await screen.findByText("Email filled in: meera@example.com")).toBeInTheDocument();
  });

  it("says at once when the link is no longer open, and offers no Accept", async () => {
    renderAccept({ shown: () => apiError(409, "invitation_used", "This invitation has already been used.") });
    expect(await screen.findByRole("alert")).toHaveTextContent("This invitation can't be accepted. This invitation has already been used: each link works once.");
    expect(screen.queryByRole("button", { name: "Accept the invitation" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to the staff area" })).toBeInTheDocument();
  });

  it("warns a person signed in with another address before they try", async () => {
    renderAccept({ shown: () => ok({ ...INVITATION, email: "meera@example.com" }) });
    expect(await screen.findByText(/This invitation was sent to meera@example.com/)).toBeInTheDocument();
  });

  it("accepts, makes the studio the current one and links to the staff area", async () => {
    const { user, api } = renderAccept();
    expect(screen.getByText(/You are signed in as Asha Verma \(asha@example.com\)/)).toBeInTheDocument();
    await user.click(await acceptButton());
    expect(await screen.findByText("Welcome to River Room: you are an instructor there now.")).toBeInTheDocument();
    expect(api.callsTo(`POST main /api/invitations/${TOKEN}/accept`)).toHaveLength(1);
    await user.click(screen.getByRole("link", { name: "Go to River Room" }));
    expect(await screen.findByRole("heading", { name: "Staff area of River Room" })).toBeInTheDocument();
  });

  it.each([
    [403, "invitation_for_another_account", "This invitation was sent to another email address, and you are signed in as asha@example.com. Log out, then log in with the account it was sent to"],
    [404, "invitation_not_found", "This invitation link isn't one we know. Check that you opened the whole link from the email."],
    [409, "invitation_used", "This invitation has already been used: each link works once."],
    [409, "already_member", "You are already a member of this studio."],
    [410, "invitation_expired", "This invitation has expired: a link lasts seven days. Ask the studio to send you a new one."],
    [410, "invitation_revoked", "This invitation was withdrawn, or replaced by a newer one. Look for a newer email, or ask the studio."],
  ])("says %s %s in plain words", async (status, code, words) => {
    const { user } = renderAccept({ accept: () => apiError(status, code, "The API's own words.") });
    await user.click(await acceptButton());
    expect(await screen.findByRole("alert")).toHaveTextContent(`The invitation was not accepted. ${words}`);
    const staffLink = screen.queryByRole("link", { name: "Go to the staff area" });
    await waitFor(() => expect(Boolean(staffLink)).toBe(["invitation_used", "already_member"].includes(code)));
  });
});
