/** The current studio's automations on the main API (automations.manage): the list with each one's figures, the
 *  templates to start from, one automation, making, changing (its name, trigger and steps while off; switching it on
 *  or off) and deleting one, who would enter it now, and the people in it, a page at a time. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { useStudio } from "../../lib/studio.jsx";

export const ENTRIES_PER_PAGE = 20;

const automationKeys = {
  all: (base) => ["automations", base],
  list: (base) => ["automations", base, "list"],
  templates: (base) => ["automations", base, "templates"],
  ones: (base) => ["automations", base, "one"],
  one: (base, id) => ["automations", base, "one", String(id)],
  preview: (base, id) => ["automations", base, "one", String(id), "preview"],
  entries: (base, id, state, page) => ["automations", base, "one", String(id), "entries", state, page],
};

const TEMPLATES_STALE_MS = 60 * 60_000; // built into the server: they change with a release, not during a visit

const automationPath = (base, id) => `${base}/automations/${encodeURIComponent(id)}`;

/** The studio's automations: [{id, name, template, active, switched_on_at, trigger, steps, figures, …}]. */
export function useAutomations() {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: automationKeys.list(base),
    queryFn: ({ signal }) => main.get(`${base}/automations`, { signal }).then((answer) => answer.items ?? []),
    enabled: ready,
  });
}

/** The templates: [{key, name, description, trigger, steps}]. */
export function useAutomationTemplates() {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: automationKeys.templates(base),
    queryFn: ({ signal }) => main.get(`${base}/automations/templates`, { signal }).then((answer) => answer.items ?? []),
    enabled: ready,
    staleTime: TEMPLATES_STALE_MS,
  });
}

/** One automation (null id: none, a new one being written). */
export function useAutomation(id) {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: automationKeys.one(base, id),
    queryFn: ({ signal }) => main.get(automationPath(base, id), { signal }),
    enabled: ready && id !== null,
    refetchOnMount: "always", // its figures move while the list is shown: read afresh when its page opens
  });
}

/** Reads the list and every automation's figures and people again (the page's Refresh, and after any change). */
export function useRefreshAutomations() {
  const { base } = useStudio();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: automationKeys.list(base) }),
      queryClient.invalidateQueries({ queryKey: automationKeys.ones(base) }),
    ]);
}

/** A change that answers the automation as it is now: it shows at once, and the list, figures and people are read
 *  again. */
function useAutomationChange(mutationFn) {
  const { base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (automation) => automation?.id !== undefined && queryClient.setQueryData(automationKeys.one(base, automation.id), automation),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: automationKeys.list(base) }),
        queryClient.invalidateQueries({ queryKey: automationKeys.ones(base) }),
      ]),
  });
}

/** {template: key} or {name, trigger, steps} → the automation, made off (201); 400 naming fields. */
export function useMakeAutomation() {
  const { main } = useApi();
  const { base } = useStudio();
  return useAutomationChange((body) => main.post(`${base}/automations`, body));
}

/** {id, ...changes} (name, trigger, steps, active) → the automation; 400 naming fields, 409 automation_active when
 *  the trigger or steps of one that is on would change. */
export function useChangeAutomation() {
  const { main } = useApi();
  const { base } = useStudio();
  const queryClient = useQueryClient();
  const change = useAutomationChange(({ id, ...changes }) => main.patch(automationPath(base, id), changes));
  return {
    ...change,
    /** After a 409 the automation is read again: someone switched it on meanwhile. */
    refresh: (id) => queryClient.invalidateQueries({ queryKey: automationKeys.one(base, id) }),
  };
}

/** id → null (204): it stops, and the people in it take no more steps. (Its own answer stays until the page that
 *  showed it has gone: removing it first would have that page ask for it again.) */
export function useDeleteAutomation() {
  const { main } = useApi();
  const { base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id) => main.delete(automationPath(base, id)),
    // The list is read again without holding up the caller (who leaves the deleted one's page at once).
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: automationKeys.list(base) });
    },
  });
}

/** Who would enter it now, read when asked (shown: false until then): {count, people: [{user_id, name}], window}. */
export function usePreview(id, shown) {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: automationKeys.preview(base, id),
    queryFn: ({ signal }) => main.get(`${automationPath(base, id)}/preview`, { signal }),
    enabled: ready && shown,
    gcTime: 0,
  });
}

/** The people in it, newest first, a page at a time (state "" for everyone): {items, page, per_page, total, pages}. */
export function useEntries(id, state, page) {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: automationKeys.entries(base, id, state, page),
    queryFn: ({ signal }) =>
      main.get(`${automationPath(base, id)}/entries`, { params: { ...(state ? { state } : {}), page, per_page: ENTRIES_PER_PAGE }, signal }),
    enabled: ready,
    refetchOnMount: "always",
    placeholderData: keepPreviousData,
  });
}
