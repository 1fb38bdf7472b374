/** Forms and waivers on the main API: a person's forms of a studio (GET /me/forms?studio=), signing one (POST
 *  /me/forms/<id>/signatures), their signed copies (GET /me/form-signatures, its PDFs); the current studio's forms for
 *  its staff (GET/POST /forms, PATCH /forms/<id>, POST /forms/<id>/versions) and what a client signed there. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi, useAuth } from "../../lib/auth.jsx";
import { saveBlob } from "../../lib/save-blob.js";
import { useStudio } from "../../lib/studio.jsx";

export const formKeys = {
  all: ["forms"],
  mine: (userId, slug, child) => ["forms", "mine", userId, slug, child ?? null],
  mySignatures: (userId) => ["forms", "my-signatures", userId],
  studio: (slug) => ["forms", "studio", slug],
  client: (slug, userId) => ["forms", "studio", slug, "client", Number(userId)],
  event: (slug, eventId) => ["forms", "studio", slug, "event", Number(eventId)],
};

/** A studio's published forms for the signed-in person, or for child (a child of their family: whether a guardian
 *  signed each for them): [{id, kind, required_before_first_booking, current_version, status: current | missing |
 *  outdated}]. 404 studio_not_found, dependent_not_found. */
export function useMyForms(slug, child = null) {
  const { main } = useApi();
  const { user } = useAuth();
  const params = child == null ? { studio: slug } : { studio: slug, dependent_id: child };
  return useQuery({
    queryKey: formKeys.mine(user?.id ?? null, slug, child),
    queryFn: ({ signal }) => main.get("/me/forms", { params, signal }).then((answer) => answer.items),
    enabled: Boolean(user && slug),
  });
}

/** Every form the signed-in person signed, newest first: [{id, form_id, version_id, full_name, signed_at, …}]. */
export function useMySignatures() {
  const { main } = useApi();
  const { user } = useAuth();
  return useQuery({
    queryKey: formKeys.mySignatures(user?.id ?? null),
    queryFn: ({ signal }) => main.get("/me/form-signatures", { signal }).then((answer) => answer.items),
    enabled: Boolean(user),
  });
}

/** {formId, version_id, full_name, signature (a PNG data URL), answers, dependent_id (a child's, signed as their
 *  guardian; absent: the person's own)} → the signature. Throws ApiError: 400 naming
 *  signature, answers or full_name, 404 form_not_found, 409 form_version_outdated. Either way the forms are read again. */
export function useSignForm() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ formId, ...signature }) => main.post(`/me/forms/${encodeURIComponent(formId)}/signatures`, signature),
    onSettled: () => queryClient.invalidateQueries({ queryKey: formKeys.all }),
  });
}

/** signatureId → the signed copy downloaded as signed-form-<id>.pdf. Throws ApiError 404 form_signature_not_found. */
export function useDownloadSignedCopy() {
  const { main } = useApi();
  return useMutation({
    mutationFn: async (signatureId) => {
      const id = encodeURIComponent(signatureId);
      saveBlob(await main.download(`/me/form-signatures/${id}.pdf`), `signed-form-${id}.pdf`);
    },
  });
}

/** For the studio's staff: one of a client's signed copies, downloaded as signed-form-<id>.pdf. Throws ApiError 404
 *  client_not_found, form_signature_not_found. */
export function useDownloadClientCopy(userId) {
  const { main } = useApi();
  const { base } = useStudio();
  return useMutation({
    mutationFn: async (signatureId) => {
      const id = encodeURIComponent(signatureId);
      saveBlob(await main.download(`${base}/clients/${encodeURIComponent(userId)}/form-signatures/${id}.pdf`), `signed-form-${id}.pdf`);
    },
  });
}

/** The current studio's forms, oldest first, each with its draft and current_version (null before publishing). */
export function useStudioForms() {
  const { main } = useApi();
  const { studio, base, ready, can } = useStudio();
  return useQuery({
    queryKey: formKeys.studio(studio?.slug ?? null),
    queryFn: ({ signal }) => main.get(`${base}/forms`, { signal }).then((answer) => answer.items),
    enabled: ready && Boolean(studio) && (can("forms.manage") || can("forms.signatures")),
  });
}

/** The studio's list with one form put in its place (a new one at the end), as the answer gave it. */
function usePutForm() {
  const queryClient = useQueryClient();
  const { studio } = useStudio();
  return (form) =>
    queryClient.setQueryData(formKeys.studio(studio?.slug ?? null), (forms) => {
      if (!forms) return forms;
      return forms.some((one) => one.id === form.id) ? forms.map((one) => (one.id === form.id ? form : one)) : [...forms, form];
    });
}

/** {kind, title, body, questions, required_before_first_booking} → the new form, a draft. 400 naming fields. */
export function useCreateForm() {
  const { main } = useApi();
  const { base } = useStudio();
  const putForm = usePutForm();
  return useMutation({ mutationFn: (draft) => main.post(`${base}/forms`, draft), onSuccess: putForm });
}

/** {formId, ...changes} → the form with its draft changed; published versions stay. 400, 404 form_not_found. */
export function useEditForm() {
  const { main } = useApi();
  const { base } = useStudio();
  const putForm = usePutForm();
  return useMutation({
    mutationFn: ({ formId, ...changes }) => main.patch(`${base}/forms/${encodeURIComponent(formId)}`, changes),
    onSuccess: putForm,
  });
}

/** formId → the form with its draft published as current_version (number, sha256). 409 form_unchanged. */
export function usePublishForm() {
  const { main } = useApi();
  const { base } = useStudio();
  const putForm = usePutForm();
  return useMutation({
    mutationFn: (formId) => main.post(`${base}/forms/${encodeURIComponent(formId)}/versions`, {}),
    onSuccess: putForm,
  });
}

/** What a client signed for the current studio, newest first (forms.signatures); 404 client_not_found. */
export function useClientSignatures(userId) {
  const { main } = useApi();
  const { studio, base, ready, can } = useStudio();
  return useQuery({
    queryKey: formKeys.client(studio?.slug ?? null, userId),
    queryFn: ({ signal }) => main.get(`${base}/clients/${encodeURIComponent(userId)}/form-signatures`, { signal }).then((answer) => answer.items),
    enabled: ready && Boolean(studio) && userId != null && can("forms.signatures"),
  });
}

/** The desk collects a client's signature on its screen ({userId, formId, version_id, full_name, signature, answers,
 *  dependent_id: the client's child, signed by them as guardian}) → the signature. 404 client_not_found,
 *  form_not_found, dependent_not_found; 409 form_version_outdated. The client's signatures are read again. */
export function useCollectSignature() {
  const { main } = useApi();
  const { base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, formId, ...signature }) =>
      main.post(`${base}/clients/${encodeURIComponent(userId)}/forms/${encodeURIComponent(formId)}/signatures`, signature),
    onSettled: () => queryClient.invalidateQueries({ queryKey: formKeys.all }),
  });
}

/** The forms an event's bookings need signed besides the studio's required ones: [form id]. 404 event_not_found. */
export function useEventForms(eventId) {
  const { main } = useApi();
  const { studio, base, ready, can } = useStudio();
  return useQuery({
    queryKey: formKeys.event(studio?.slug ?? null, eventId),
    queryFn: ({ signal }) => main.get(`${base}/events/${encodeURIComponent(eventId)}/forms`, { signal }).then((answer) => answer.form_ids),
    enabled: ready && Boolean(studio) && can("forms.manage"),
  });
}

/** [form id] → the event's forms from now on (bookings made stay); 400 naming form_ids, 404 event_not_found. */
export function useSetEventForms(eventId) {
  const { main } = useApi();
  const { studio, base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (formIds) => main.put(`${base}/events/${encodeURIComponent(eventId)}/forms`, { form_ids: formIds }).then((answer) => answer.form_ids),
    onSuccess: (formIds) => queryClient.setQueryData(formKeys.event(studio?.slug ?? null, eventId), formIds),
  });
}
