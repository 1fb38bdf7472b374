/** Saving a segment from one of the CRM's presets (or "clients with a tag") under a name, and renaming one. The
 *  CRM checks both: what it refuses shows beside the field it names, the rest above the form. */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { t as translate } from "../../../lib/i18n.js";
import { useForm } from "../../../lib/use-form.js";
import { bookError } from "../errors.js";
import { useRenameSegment, useSaveSegment, useSegmentPresets } from "../segments-api.js";
import { cleanTag, tagHint } from "../wording.js";

export const MAX_NAME = 100;
const BY_TAG = "tag"; // the one start the CRM has no preset for: its tag is typed
const FIELDS = { name: "name", "filters.tag": "tag" }; // the CRM's 400 details → this form's fields

const fieldOf = (path) => FIELDS[path] ?? (path.startsWith("filters") ? "start" : null);

/** The name typed, or why the CRM would refuse it. */
const nameError = (name) => (name.trim() ? null : translate("clients:segmentForm.nameMissing"));

/** "Tagged yoga": the name a tag's segment starts with. */
const taggedName = (tag) => translate("clients:segmentForm.tagged", { tag });

/** The save form's rules: a name, and a tag the CRM takes when starting from one. */
function validateSave(values) {
  const errors = {};
  if (nameError(values.name)) errors.name = nameError(values.name);
  if (values.start === BY_TAG && cleanTag(values.tag) === null) errors.tag = tagHint();
  return errors;
}

/** The filters to save: the preset's as they are, or {tag}. */
const filtersOf = (values, presets) => (values.start === BY_TAG ? { tag: cleanTag(values.tag) } : presets.find((preset) => preset.key === values.start).filters);

/** The first values: the list's tag when one is applied (a tag segment of it), else the first preset. */
function startValues(presets, tag) {
  if (tag || !presets.length) return { start: BY_TAG, tag: tag ?? "", name: tag ? taggedName(tag) : "" };
  return { start: presets[0].key, tag: "", name: presets[0].name };
}

/** The preset to start from (its description as the hint), or "Clients with a tag". */
function StartField({ id, presets, value, error, onChange }) {
  const { t } = useTranslation("clients");
  const chosen = presets.find((preset) => preset.key === value);
  return (
    <Field id={id} label={t("segmentForm.startFrom")} hint={chosen?.description ?? t("segmentForm.byTagHint")} error={error}>
      {(control) => (
        <select {...control} name="start" value={value} onChange={onChange}>
          {presets.map((preset) => (
            <option key={preset.key} value={preset.key}>
              {preset.name}
            </option>
          ))}
          <option value={BY_TAG}>{t("segmentForm.byTag")}</option>
        </select>
      )}
    </Field>
  );
}

function SaveForm({ presets, tag, onSaved, onCancel }) {
  const { t } = useTranslation("clients");
  const id = useId();
  const save = useSaveSegment();
  const form = useForm({
    initialValues: startValues(presets, tag),
    validate: validateSave,
    onSubmit: async (values) => onSaved(await save.mutateAsync({ name: values.name.trim(), filters: filtersOf(values, presets) })),
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, fieldOf) : form.setFormError(bookError(error))),
  });
  const { formRef, values } = form;
  const chosen = presets.find((preset) => preset.key === values.start);
  // A new start renames the segment after it, unless a name of one's own was typed.
  const pick = (event) => {
    const next = presets.find((preset) => preset.key === event.target.value);
    const named = values.name.trim() && values.name !== chosen?.name && values.name !== taggedName(values.tag);
    form.setValue("start", event.target.value);
    if (!named) form.setValue("name", next?.name ?? "");
  };
  // Typing the tag names the segment after it, unless a name of one's own was typed.
  const typeTag = (event) => {
    if (!values.name.trim() || values.name === taggedName(values.tag)) form.setValue("name", taggedName(event.target.value));
    form.handleChange(event);
  };
  return (
    <form ref={formRef} className="segment-form" aria-label={t("segmentForm.saveLabel")} onSubmit={form.handleSubmit} noValidate>
      <StartField id={`${id}-start`} presets={presets} value={values.start} error={form.errors.start} onChange={pick} />
      {values.start === BY_TAG && <InputField id={`${id}-tag`} label={t("segmentForm.tag")} autoComplete="off" maxLength={64} {...form.field("tag")} onChange={typeTag} />}
      <InputField id={`${id}-name`} label={t("segmentForm.name")} autoComplete="off" maxLength={MAX_NAME} {...form.field("name")} />
      <ErrorMessage error={form.formError} title={t("segmentForm.notSaved")} />
      <FormButtons busy={form.busy} busyLabel={t("segmentForm.saving")} label={t("segmentForm.save")} onCancel={onCancel} />
    </form>
  );
}

function FormButtons({ busy, busyLabel, label, onCancel }) {
  const { t } = useTranslation("clients");
  return (
    <p className="actions">
      <button type="submit" className="button primary" aria-disabled={busy || undefined}>
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="button-link" onClick={onCancel}>
        {t("segmentForm.cancel")}
      </button>
    </p>
  );
}

/** tag: the list's applied tag, if any; onSaved(segment) once the CRM has it. */
export function SaveSegmentForm({ tag, onSaved, onCancel }) {
  const { t } = useTranslation("clients");
  const presets = useSegmentPresets();
  if (presets.isPending) return <Loading label={t("segmentForm.loadingPresets")} />;
  if (presets.error) return <ErrorMessage error={bookError(presets.error)} title={t("segmentForm.presetsFailed")} onRetry={() => presets.refetch()} />;
  return <SaveForm presets={presets.data} tag={tag || null} onSaved={onSaved} onCancel={onCancel} />;
}

/** segment: the one to rename; onRenamed(segment) once the CRM has the new name. */
export function RenameSegmentForm({ segment, onRenamed, onCancel }) {
  const { t } = useTranslation("clients");
  const id = useId();
  const rename = useRenameSegment();
  const form = useForm({
    initialValues: { name: segment.name },
    validate: (values) => (nameError(values.name) ? { name: nameError(values.name) } : {}),
    onSubmit: async (values) => onRenamed(await rename.mutateAsync({ id: segment.id, name: values.name.trim() })),
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, ["name"]) : form.setFormError(bookError(error))),
  });
  const { formRef } = form;
  return (
    <form ref={formRef} className="segment-form" aria-label={t("segmentForm.renameLabel")} onSubmit={form.handleSubmit} noValidate>
      <InputField id={`${id}-name`} label={t("segmentForm.newName")} autoComplete="off" maxLength={MAX_NAME} {...form.field("name")} />
      <ErrorMessage error={form.formError} title={t("segmentForm.notRenamed")} />
      <FormButtons busy={form.busy} busyLabel={t("segmentForm.saving")} label={t("segmentForm.saveName")} onCancel={onCancel} />
    </form>
  );
}
