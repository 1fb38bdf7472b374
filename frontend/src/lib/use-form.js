/**
 * What every form of the app shares: its values; field errors from the client's rules or from the server; a message
 * above the form; busy while it is being sent; and the focus on the first field in error.
 *
 *   const form = useForm({ initialValues, validate, onInvalid, onSubmit, onError });
 *   const { formRef, values, errors, formError, busy } = form;
 *   <form ref={formRef} onSubmit={form.handleSubmit} noValidate>
 *     <input name="email" value={values.email} onChange={form.handleChange} aria-invalid=… />
 *     <InputField id="email" label="Email" {...form.field("email")} />   (the same four props, for a Field)
 *
 * validate(values) → {field: message}: any message stops the submit, the messages show and the first field marked
 * aria-invalid takes the focus; onInvalid(errors) may add a message above the form.
 * onSubmit(values), usually async, runs with `busy` on; what it throws goes to onError(error) (by default the
 * message above the form).
 * form.leave(to, options) navigates away and keeps the form busy: the router navigates in a transition, and ending
 * busy first would show the form again (on the login page: "You're signed in") until the next page is there.
 */
import { useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { fieldErrorsFrom, splitFieldErrors } from "./field-errors.js";

const noErrors = () => ({});

export function useForm({ initialValues, validate = noErrors, onInvalid, onSubmit, onError }) {
  const navigate = useNavigate();
  const ref = useRef(null);
  const leaving = useRef(false);
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState({});
  const [formError, setFormError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);

  // Once the errors are on screen, the keyboard continues from the first field marked invalid.
  useEffect(() => {
    if (focusRequest) ref.current?.querySelector('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const form = {
    formRef: ref,
    values,
    errors,
    formError,
    busy,
    setValues,
    setErrors,
    setFormError,
    /** Changes one value; its error goes, as the person is fixing it. */
    setValue(name, value) {
      setValues((current) => ({ ...current, [name]: value }));
      setErrors((current) => (current[name] ? { ...current, [name]: undefined } : current));
    },
    /** The props a Field control takes for one field: its name, value, onChange and error. */
    field(name) {
      return { name, value: values[name], onChange: form.handleChange, error: errors[name] };
    },
    /** onChange for a control whose name attribute is its field. */
    handleChange(event) {
      form.setValue(event.target.name, event.target.value);
    },
    showErrors(found) {
      setErrors(found);
      setFocusRequest((count) => count + 1);
    },
    /** Shows a 400's details beside the fields they name (fields: see splitFieldErrors) → {fields, other}. */
    showServerErrors(error, fields) {
      const split = splitFieldErrors(fieldErrorsFrom(error), fields);
      form.showErrors(split.fields);
      return split;
    },
    /** A 400's details beside the fields they name; what names none goes above the form (the whole error when
     *  nothing is named). */
    showBadRequest(error, fields) {
      const { fields: shown, other } = form.showServerErrors(error, fields);
      setFormError(other.length ? { message: other.join(" ") } : Object.keys(shown).length ? null : error);
    },
    leave(to, options) {
      leaving.current = true;
      navigate(to, options);
    },
    async handleSubmit(event) {
      event.preventDefault();
      if (busy) return;
      setFormError(null);
      const found = validate(values);
      if (Object.keys(found).length) {
        form.showErrors(found);
        onInvalid?.(found);
        return;
      }
      setErrors({});
      setBusy(true);
      leaving.current = false;
      try {
        await onSubmit(values);
      } catch (error) {
        setBusy(false);
        if (onError) onError(error);
        else setFormError(error);
        return;
      }
      if (!leaving.current) setBusy(false);
    },
  };
  return form;
}
