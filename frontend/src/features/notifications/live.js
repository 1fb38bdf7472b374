/** The live stream of the person's notification counts (server-sent events read with fetch, which can send the
 *  token as a header): the counts change in every open tab within moments, with no reload and no polling. */
import { useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../../lib/auth.jsx";
import { hasCentre, noticeKeys } from "./api.js";

export const STREAM_PATH = "/me/notifications/stream";
const FIRST_RETRY_MS = 2_000;
const LAST_RETRY_MS = 30_000;

/** Splits what has arrived into complete events ({event, data}) and the unfinished rest (SSE: blank-line separated). */
export function parseEvents(text) {
  const blocks = text.split(/\r?\n\r?\n/);
  const rest = blocks.pop();
  const events = [];
  for (const block of blocks) {
    let event = "message";
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
    }
    if (data.length) events.push({ event, data: data.join("\n") });
  }
  return { events, rest };
}

/** Reads one stream until it ends; onCounts hears each {total, unread}. Resolves with the answer's status. */
async function readStream(url, token, signal, onCounts, fetchImpl) {
  const response = await fetchImpl(url, { headers: { Authorization: `Bearer ${token}`, Accept: "text/event-stream" }, signal });
  if (!response.ok || !response.body) return response.status;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return response.status;
    const { events, rest } = parseEvents(buffer + decoder.decode(value, { stream: true }));
    buffer = rest;
    for (const { event, data } of events) if (event === "counts") onCounts(JSON.parse(data));
  }
}

/** Keeps the stream open while a person with a centre is signed in; onNewNotice runs when a notice arrives (the
 *  app layer refreshes what such news changes, a booking say). Reconnects after a drop, waiting longer each time. */
export function useLiveCounts({ onNewNotice } = {}) {
  const { user, token, streamUrl, streamFetch: fetchImpl } = useAuth();
  const queryClient = useQueryClient();
  const onNew = useRef(onNewNotice);
  useEffect(() => {
    onNew.current = onNewNotice;
  });
  const userId = user?.id ?? null;
  const enabled = hasCentre(user) && Boolean(token) && Boolean(fetchImpl);

  useEffect(() => {
    if (!enabled) return undefined;
    const abort = new AbortController();
    let wait = FIRST_RETRY_MS;
    let timer = null;
    let applied = Promise.resolve();
    // In order, each after any first read still on its way is called off: the stream is fresher, and that read
    // must not land over it.
    const onCounts = (counts) => {
      applied = applied.then(() => queryClient.cancelQueries({ queryKey: noticeKeys.counts(userId) })).then(() => apply(counts));
    };
    const apply = (counts) => {
      const before = queryClient.getQueryData(noticeKeys.counts(userId));
      queryClient.setQueryData(noticeKeys.counts(userId), counts);
      wait = FIRST_RETRY_MS;
      if (before && before.total !== counts.total) {
        queryClient.invalidateQueries({ queryKey: noticeKeys.pages(userId) });
        onNew.current?.();
      }
    };
    const connect = async () => {
      let status = 0;
      try {
        status = await readStream(`${streamUrl}${STREAM_PATH}`, token, abort.signal, onCounts, fetchImpl);
      } catch {
        status = 0; // a dropped connection or a server away: try again
      }
      if (abort.signal.aborted || status === 401 || status === 403) return; // a refused token: the session ends
      timer = setTimeout(connect, wait);
      wait = Math.min(wait * 2, LAST_RETRY_MS);
    };
    connect();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [enabled, fetchImpl, queryClient, streamUrl, token, userId]);
}
