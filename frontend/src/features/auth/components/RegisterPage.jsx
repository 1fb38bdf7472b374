/** Create a user account; the person is signed in at once and goes back where they came from. */
import { useRef, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { useAuth } from "../../../lib/auth.jsx";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { MIN_PASSWORD, returnPathFrom, validateRegistration } from "../destinations.js";
import { InputField } from "../../../components/Field.jsx";
import { SignedInNotice } from "./SignedInNotice.jsx";
import "../auth.css";

const FIELDS = ["name", "email", "password"];

export function RegisterPage() {
  usePageTitle("Create an account");
  const { user, register } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [values, setValues] = useState({ name: "", email: "", password: "" });
  const [fieldErrors, setFieldErrors] = useState({});
  const [formError, setFormError] = useState(null);
  const [busy, setBusy] = useState(false);
  const inputs = { name: useRef(null), email: useRef(null), password: useRef(null) };
  const returnPath = returnPathFrom(location);

  const change = (event) => {
    const { name, value } = event.target;
    setValues((current) => ({ ...current, [name]: value }));
    if (fieldErrors[name]) setFieldErrors((current) => ({ ...current, [name]: undefined }));
  };

  const showFieldErrors = (errors) => {
    setFieldErrors(errors);
    const first = FIELDS.find((name) => errors[name]);
    inputs[first]?.current?.focus();
  };

  const onSubmit = async (event) => {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const clientErrors = validateRegistration(values);
    if (Object.keys(clientErrors).length) return showFieldErrors(clientErrors);
    setFieldErrors({});
    setBusy(true);
    try {
      await register({ name: values.name.trim(), email: values.email.trim(), password: values.password });
      navigate(returnPath ?? paths.events, { replace: true });
    } catch (error) {
      setBusy(false);
      if (error.status === 409) {
        if (error.code === "email_taken") showFieldErrors({ email: "This email is already registered." });
        setFormError({ message: error.message, offerLogin: true });
      } else if (error.status === 400) {
        const serverErrors = Object.fromEntries(Object.entries(error.fieldErrors).filter(([name]) => FIELDS.includes(name)));
        showFieldErrors(serverErrors);
        setFormError({ message: Object.keys(serverErrors).length ? "Please correct the fields marked below." : error.message });
      } else {
        setFormError({ message: error.message });
      }
    }
  };

  if (user && !busy) {
    return (
      <section className="page narrow">
        <h1>Create an account</h1>
        <SignedInNotice user={user} next={returnPath} />
      </section>
    );
  }

  return (
    <section className="page narrow">
      <h1>Create an account</h1>
      <div className="card auth-card">
        <p className="muted">Book sessions and retreats, and keep track of your bookings.</p>
        {formError && (
          <div className="alert alert-error" role="alert">
            {formError.message}
            {formError.offerLogin && (
              <>
                {" "}
                <Link to={paths.login} state={returnPath ? { from: returnPath } : undefined}>
                  Log in instead
                </Link>
              </>
            )}
          </div>
        )}
        <form className="form" onSubmit={onSubmit} noValidate aria-label="Create an account">
          <InputField
            ref={inputs.name}
            id="register-name"
            name="name"
            label="Name"
            autoComplete="name"
            value={values.name}
            onChange={change}
            error={fieldErrors.name}
            required
          />
          <InputField
            ref={inputs.email}
            id="register-email"
            name="email"
            type="email"
            label="Email"
            autoComplete="email"
            value={values.email}
            onChange={change}
            error={fieldErrors.email}
            required
          />
          <InputField
            ref={inputs.password}
            id="register-password"
            name="password"
            type="password"
            label="Password"
            autoComplete="new-password"
            hint={`At least ${MIN_PASSWORD} characters.`}
            value={values.password}
            onChange={change}
            error={fieldErrors.password}
            minLength={MIN_PASSWORD}
            required
          />
          <div className="actions">
            <button type="submit" className="button primary" aria-disabled={busy || undefined}>
              {busy ? "Creating account…" : "Create account"}
            </button>
          </div>
        </form>
        <p className="small-text">
          Already have an account?{" "}
          <Link to={paths.login} state={returnPath ? { from: returnPath } : undefined}>
            Log in
          </Link>
        </p>
      </div>
    </section>
  );
}
