/** The two login doors: /login for people who book, /facilitator/login for staff (with the demo accounts). */
import { useRef, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { useAuth } from "../../../lib/auth.jsx";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { homePathFor, returnPathFrom, validateLogin } from "../destinations.js";
import { DemoAccounts } from "./DemoAccounts.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SignedInNotice } from "./SignedInNotice.jsx";
import "../auth.css";

export const WRONG_CREDENTIALS = "Wrong email/username or password.";
export const WRONG_DOOR = "This is the facilitator login. Use the regular login for your account.";

// The API names the identifier email, username or login; the form has one field for all three.
const IDENTIFIER_FIELDS = ["email", "username", "login"];

function errorsFromServer(error) {
  const fields = {};
  for (const [name, message] of Object.entries(error.fieldErrors)) {
    if (IDENTIFIER_FIELDS.includes(name)) fields.login = message;
    else if (name === "password") fields.password = message;
  }
  return fields;
}

export function LoginPage({ staff = false }) {
  const title = staff ? "Facilitator login" : "Log in";
  usePageTitle(title);
  const { user, login, logout, dismissNotice } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [values, setValues] = useState({ login: "", password: "" });
  const [fieldErrors, setFieldErrors] = useState({});
  const [formError, setFormError] = useState(null);
  const [busy, setBusy] = useState(false);
  const inputs = { login: useRef(null), password: useRef(null) };
  const returnPath = returnPathFrom(location);

  const change = (event) => {
    const { name, value } = event.target;
    setValues((current) => ({ ...current, [name]: value }));
    if (fieldErrors[name]) setFieldErrors((current) => ({ ...current, [name]: undefined }));
  };

  const showFieldErrors = (errors) => {
    setFieldErrors(errors);
    const first = ["login", "password"].find((name) => errors[name]);
    inputs[first]?.current?.focus();
  };

  const onSubmit = async (event) => {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const clientErrors = validateLogin(values);
    if (Object.keys(clientErrors).length) return showFieldErrors(clientErrors);
    setFieldErrors({});
    setBusy(true);
    try {
      const account = await login({ login: values.login.trim(), password: values.password });
      if (staff && account.role === "user") {
        logout();
        setFormError(WRONG_DOOR);
        setBusy(false);
        return;
      }
      dismissNotice();
      navigate(returnPath ?? homePathFor(account), { replace: true });
    } catch (error) {
      setBusy(false);
      if (error.code === "invalid_credentials") {
        setFormError(WRONG_CREDENTIALS);
      } else {
        if (error.status === 400) showFieldErrors(errorsFromServer(error));
        setFormError(error.message);
      }
    }
  };

  if (user && !busy) {
    return (
      <section className="page narrow">
        <h1>{title}</h1>
        <SignedInNotice user={user} next={returnPath} />
      </section>
    );
  }

  return (
    <section className="page narrow">
      <h1>{title}</h1>
      <div className="card auth-card">
        {staff && <p className="muted">For facilitators and operators: run your sessions, see who booked.</p>}
        {formError && (
          <div className="alert alert-error" role="alert">
            {formError}
          </div>
        )}
        <form className="form" onSubmit={onSubmit} noValidate aria-label={title}>
          <InputField
            ref={inputs.login}
            id="login-identifier"
            name="login"
            label="Email or username"
            autoComplete="username"
            value={values.login}
            onChange={change}
            error={fieldErrors.login}
            required
          />
          <InputField
            ref={inputs.password}
            id="login-password"
            name="password"
            type="password"
            label="Password"
            autoComplete="current-password"
            value={values.password}
            onChange={change}
            error={fieldErrors.password}
            required
          />
          <div className="actions">
            {/* aria-disabled, not disabled: after a wrong password the focus is still on the button. */}
            <button type="submit" className="button primary" aria-disabled={busy || undefined}>
              {busy ? "Logging in…" : "Log in"}
            </button>
          </div>
        </form>
        <div className="auth-links small-text">
          {staff ? (
            <p>
              Booking a session? <Link to={paths.login}>Use the regular login</Link>
            </p>
          ) : (
            <>
              <p>
                New here? <Link to={paths.register} state={returnPath ? { from: returnPath } : undefined}>Create an account</Link>
              </p>
              <p>
                <Link to={paths.facilitatorLogin}>Facilitator? Log in here</Link>
              </p>
            </>
          )}
        </div>
      </div>
      {staff && <DemoAccounts />}
    </section>
  );
}
