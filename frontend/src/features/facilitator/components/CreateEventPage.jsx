/** /facilitator/events/new: an event with one or more sessions. */
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useCreateEvent } from "../api.js";
import { DESCRIPTION_MAX, LOCATION_MAX, TITLE_MAX, checkEvent, eventBody, initialEvent, isFormField, rowAfter, rowErrors } from "../event-form.js";
import { flattenDetails } from "../form-rules.js";
import { focusFirstInvalid } from "../focus.js";
import { Field } from "../../../components/Field.jsx";
import { SessionRowFields } from "./SessionRowFields.jsx";
import "../facilitator.css";

export function CreateEventPage() {
  usePageTitle("Create an event");
  const navigate = useNavigate();
  const createEvent = useCreateEvent();
  const [values, setValues] = useState(initialEvent);
  const [errors, setErrors] = useState({});
  const [formError, setFormError] = useState(null);
  const [focusRow, setFocusRow] = useState(null);
  const formRef = useRef(null);
  const addButtonRef = useRef(null);
  const newRowInputRef = useRef(null);

  useEffect(() => {
    if (focusRow !== null) newRowInputRef.current?.focus();
  }, [focusRow]);

  const setField = (field) => (event) => {
    const { value } = event.target;
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };
  const setRow = (index) => (field, value) => {
    setValues((current) => ({ ...current, sessions: current.sessions.map((row, i) => (i === index ? { ...row, [field]: value } : row)) }));
    setErrors((current) => ({ ...current, [`sessions.${index}.${field}`]: undefined }));
  };
  const addRow = () => {
    setValues((current) => ({ ...current, sessions: [...current.sessions, rowAfter(current.sessions.at(-1))] }));
    setFocusRow(values.sessions.length);
  };
  const removeRow = (index) => {
    setValues((current) => ({ ...current, sessions: current.sessions.filter((_, i) => i !== index) }));
    // Row numbers shift, so old row errors would land on the wrong rows.
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !path.startsWith("sessions."))));
    setFocusRow(null);
    addButtonRef.current?.focus();
  };

  const showServerError = (error) => {
    if (error.status !== 400) {
      setFormError(error);
      return;
    }
    const flat = flattenDetails(error.details);
    const fields = Object.fromEntries(Object.entries(flat).filter(([path]) => isFormField(path)));
    const other = Object.entries(flat).filter(([path]) => !isFormField(path));
    setErrors(fields);
    setFormError(
      other.length
        ? { message: other.map(([path, message]) => (path === "body" ? message : `${path}: ${message}`)).join(" ") }
        : { message: "Some details need fixing: see the highlighted fields." },
    );
    focusFirstInvalid(formRef.current);
  };

  const onSubmit = (event) => {
    event.preventDefault();
    if (createEvent.isPending) return;
    setFormError(null);
    const found = checkEvent(values);
    setErrors(found);
    if (Object.keys(found).length) {
      setFormError({ message: "Some details need fixing: see the highlighted fields." });
      focusFirstInvalid(formRef.current);
      return;
    }
    createEvent.mutate(eventBody(values), {
      onSuccess: () => navigate(paths.facilitator, { state: { message: "Event created." } }),
      onError: showServerError,
    });
  };

  const busy = createEvent.isPending;
  return (
    <section className="page create-event">
      <p className="back-link">
        <Link to={paths.facilitator}>← My events</Link>
      </p>
      <h1>Create an event</h1>
      <ErrorMessage error={formError} title="The event was not created." />
      <form ref={formRef} className="form create-event-form" onSubmit={onSubmit} noValidate>
        {/* Not disabled while saving: that would take the focus away, and an error would leave it nowhere. */}
        <fieldset className="plain-fieldset">
          <legend className="visually-hidden">Event details</legend>
          <Field id="event-title" label="Title" error={errors.title}>
            {(control) => <input {...control} type="text" value={values.title} onChange={setField("title")} maxLength={TITLE_MAX} required />}
          </Field>
          <Field id="event-kind" label="Kind" error={errors.kind} hint="A session is a single class or gathering; a retreat runs over several days.">
            {(control) => (
              <select {...control} value={values.kind} onChange={setField("kind")}>
                <option value="session">Session</option>
                <option value="retreat">Retreat</option>
              </select>
            )}
          </Field>
          <Field id="event-location" label="Location" error={errors.location}>
            {(control) => <input {...control} type="text" value={values.location} onChange={setField("location")} maxLength={LOCATION_MAX} />}
          </Field>
          <Field id="event-description" label="Description" error={errors.description}>
            {(control) => <textarea {...control} value={values.description} onChange={setField("description")} maxLength={DESCRIPTION_MAX} />}
          </Field>
        </fieldset>

        <fieldset className="plain-fieldset">
          <legend className="sessions-legend">Sessions</legend>
          {errors.sessions && <p className="field-error">{errors.sessions}</p>}
          <div className="stack">
            {values.sessions.map((row, index) => (
              <SessionRowFields
                key={row.key}
                row={row}
                number={index + 1}
                errors={rowErrors(errors, index)}
                onChange={setRow(index)}
                onRemove={values.sessions.length > 1 ? () => removeRow(index) : null}
                firstInputRef={index === focusRow ? newRowInputRef : undefined}
              />
            ))}
          </div>
          <button ref={addButtonRef} type="button" className="button secondary add-session" onClick={addRow}>
            Add another session
          </button>
        </fieldset>

        <div className="actions">
          <button type="submit" className="button primary" aria-disabled={busy || undefined}>
            {busy ? "Creating…" : "Create event"}
          </button>
          <Link to={paths.facilitator} className="button secondary">
            Back without saving
          </Link>
        </div>
      </form>
    </section>
  );
}
