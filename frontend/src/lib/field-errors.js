/** Our API's 400 details as the flat "field → message" strings a form shows beside its fields. */

function flatten(details, prefix = "") {
  const flat = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    const path = `${prefix}${key}`;
    if (Array.isArray(value)) flat[path] = value.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" ");
    else if (value && typeof value === "object") Object.assign(flat, flatten(value, `${path}.`));
    else flat[path] = String(value);
  }
  return flat;
}

/**
 * An error's details as {"field": "message"}, nested paths joined with dots and lists of messages with spaces:
 * {"sessions": {"1": {"starts_at": ["Must be in the future."]}}} → {"sessions.1.starts_at": "Must be in the future."}.
 * {} for an error without details (a network failure, most 409s).
 */
export function fieldErrorsFrom(error) {
  return flatten(error?.details);
}

/**
 * Splits flat errors into the ones a form shows beside its fields and the rest, as sentences for above the form.
 * fields: the form's field names, or fieldOf(path) → the form's field for that path (falsy when it has none).
 */
export function splitFieldErrors(flat, fields) {
  const fieldOf = typeof fields === "function" ? fields : (path) => fields.includes(path) && path;
  const byField = {};
  const other = [];
  for (const [path, message] of Object.entries(flat)) {
    const field = fieldOf(path);
    if (field) byField[field] = message;
    else other.push(path === "body" ? message : `${path}: ${message}`);
  }
  return { fields: byField, other };
}
