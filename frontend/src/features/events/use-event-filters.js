/** The catalogue's filters live in the URL (?q=&kind=&from=&to=&page=), so links, back and forward keep them. */
import { useCallback } from "react";
import { useSearchParams } from "react-router";
import { EVENT_KINDS } from "./api.js";

export const FILTER_NAMES = ["q", "kind", "from", "to"];

export function readFilters(searchParams) {
  const kind = searchParams.get("kind") ?? "";
  const page = Number.parseInt(searchParams.get("page") ?? "1", 10);
  return {
    q: searchParams.get("q") ?? "",
    kind: EVENT_KINDS.includes(kind) ? kind : "",
    from: searchParams.get("from") ?? "",
    to: searchParams.get("to") ?? "",
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

export function useEventFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);

  /** Changes some filters; any change other than the page itself starts again at page 1. */
  const update = useCallback(
    (changes) => {
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value === "" || value === null || value === undefined) next.delete(name);
          else next.set(name, String(value));
        }
        if (!("page" in changes) || Number(changes.page) <= 1) next.delete("page");
        return next;
      });
    },
    [setSearchParams],
  );

  const clear = useCallback(() => setSearchParams(new URLSearchParams()), [setSearchParams]);

  const active = FILTER_NAMES.some((name) => filters[name]);
  return { filters, update, clear, active };
}
