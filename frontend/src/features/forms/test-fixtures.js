/** Forms as the main API answers them, for the feature's tests. */

/** A published version of a liability waiver with a yes/no and a text question. */
export const version = (overrides = {}) => ({
  id: 31,
  number: 2,
  title: "Liability waiver",
  body: "I practise at my own risk.\nI tell the teacher of any injury.",
  questions: [
    { id: "q1", label: "Are you pregnant?", kind: "yes_no", required: true },
    { id: "q2", label: "Injuries the teacher should know of", kind: "text", required: false },
  ],
  sha256: "ab".repeat(32),
  published_at: "2031-01-05T10:00:00+00:00",
  ...overrides,
});

/** A form of GET /me/forms: not signed yet by default. */
export const myForm = (overrides = {}) => ({ id: 5, kind: "waiver", required_before_first_booking: true, current_version: version(), status: "missing", ...overrides });

/** A form of the studio's GET /forms: its draft and current version. */
export const studioForm = (overrides = {}) => {
  const current = version();
  return { id: 5, kind: "waiver", title: current.title, body: current.body, questions: current.questions, required_before_first_booking: true, current_version: current, updated_at: current.published_at, ...overrides };
};

/** A signature of GET /me/form-signatures or a client's. */
export const signature = (overrides = {}) => ({ id: 77, form_id: 5, version_id: 31, version_sha256: "ab".repeat(32), full_name: "Asha Verma", answers: { q1: false }, signed_at: "2031-01-06T10:00:00+00:00", ...overrides });
