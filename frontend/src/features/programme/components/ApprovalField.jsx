/** Whether each booking of the event is a request its staff approve or decline (requires_approval). */
export function ApprovalField({ id, checked, onChange, disabled }) {
  return (
    <div className="field">
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} disabled={disabled} aria-describedby={`${id}-hint`} /> Bookings need my approval
      </label>
      <p id={`${id}-hint`} className="field-hint">
        People then request to book: their seats are held while you decide on the Approvals page.
      </p>
    </div>
  );
}
