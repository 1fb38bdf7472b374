/** The frame of the login and register pages: the title over the form, or, for someone already signed in (and not
 *  signing in right now), who they are and where to go on. */
import { SignedInNotice } from "./SignedInNotice.jsx";

export function AuthPage({ title, user, busy, returnPath, children }) {
  return (
    <section className="page narrow">
      <h1>{title}</h1>
      {user && !busy ? <SignedInNotice user={user} next={returnPath} /> : children}
    </section>
  );
}
