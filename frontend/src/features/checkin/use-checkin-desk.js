/**
 * A check-in device's state for one session: the roster (live, or as saved), the check-ins waiting to be sent, the
 * last verdict, and the actions of the door (a code scanned or typed, a name tapped, an undo). Every check-in is
 * queued on the device first and the queue is sent at once when there is a network, when the page opens, and when the
 * network comes back.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { checkinKeys, useRoster, useSessionApi } from "./api.js";
import { importSessionKey } from "./codes.js";
import { admit, countHere, judgeCode, seatKey, seatsHere } from "./desk.js";
import { deviceId } from "./device.js";
import { sendQueue } from "./queue.js";
import { addToQueue, queued, removeFromQueue, saveRoster } from "./storage.js";

/** navigator.onLine, kept up to date. */
export function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return online;
}

/** The roster with one seat's check-in changed (added when the roster did not have it: a booking made since). */
function withSeat(roster, seat, checkedInAt, device) {
  const key = seatKey(seat.booking_id, seat.seat);
  const found = roster.seats.some((one) => seatKey(one.booking_id, one.seat) === key);
  const changed = { checked_in_at: checkedInAt, device_id: checkedInAt ? device : null };
  const seats = found
    ? roster.seats.map((one) => (seatKey(one.booking_id, one.seat) === key ? { ...one, ...changed } : one))
    : [...roster.seats, { booking_id: seat.booking_id, seat: seat.seat, name: seat.name, code: seat.code ?? null, ...changed }];
  return { ...roster, seats };
}

/** The seat a result of the API names. */
const seatOf = (result) => ({ booking_id: result.booking_id, seat: result.seat, name: result.name, code: null });

/** What an action of the door decides on: the roster, the key, the queue and the seats they make. */
function known({ roster, key, pending }) {
  return { roster, key, pending, seats: roster ? seatsHere(roster, pending) : new Map() };
}

// A batch whose answer was lost with the network up goes again after these waits (doubling), until one is answered.
const RESEND_FIRST_MS = 1_000;
const RESEND_MAX_MS = 30_000;

/** resendSoon(): sendRef.current() once more after a wait that doubles with each loss; resendSoon.cancel() after an
 *  answer. The timer goes with the page. */
function useResendSoon(sendRef) {
  const timer = useRef(null);
  const wait = useRef(RESEND_FIRST_MS);
  const resendSoon = useMemo(() => {
    const schedule = () => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        sendRef.current?.();
      }, wait.current);
      wait.current = Math.min(wait.current * 2, RESEND_MAX_MS);
    };
    schedule.cancel = () => {
      clearTimeout(timer.current);
      timer.current = null;
      wait.current = RESEND_FIRST_MS;
    };
    return schedule;
  }, [sendRef]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return resendSoon;
}

export function useCheckinDesk(sessionId) {
  const { main, scope, base } = useSessionApi(sessionId);
  const queryClient = useQueryClient();
  const rosterQuery = useRoster(sessionId);
  const online = useOnline();
  const device = useMemo(() => deviceId(), []);
  const [pending, setPending] = useState([]);
  const [key, setKey] = useState(null);
  const [verdict, setShown] = useState(null); // the last scan's, with entryId when it was queued
  const [refusals, setRefusals] = useState([]); // queued check-ins the server refused when they were sent
  const [problem, setProblem] = useState(null); // why the queue could not be sent (not the network: that is expected)
  const state = useRef({ roster: null, key: null, pending: [] });
  const undone = useRef(new Set()); // queued check-ins undone while they were being sent
  const turn = useRef(Promise.resolve()); // the door's actions, one at a time, each seeing the last one's result
  const serial = useRef(0);
  // Numbered, so the same verdict twice (a code scanned again) is shown, and announced, again.
  const setVerdict = useCallback((next) => {
    serial.current += 1;
    setShown((current) => {
      const value = typeof next === "function" ? next(current) : next;
      return value === current ? current : value && { ...value, serial: serial.current };
    });
  }, []);

  const roster = rosterQuery.data?.roster ?? null;
  const seats = useMemo(() => (roster ? seatsHere(roster, pending) : new Map()), [roster, pending]);
  // What the door's actions read: kept here as well as in state, since an action that follows another at once runs
  // before React has rendered the first one's changes.
  useEffect(() => {
    state.current.roster = roster;
  }, [roster]);
  useEffect(() => {
    state.current.key = key;
  }, [key]);

  const refreshPending = useCallback(async () => {
    const entries = await queued(sessionId).catch(() => []); // no IndexedDB here: nothing is ever queued
    state.current.pending = entries;
    setPending(entries);
    return entries;
  }, [sessionId]);

  /** The roster in the cache and on the device, changed by `change(roster)`. */
  const updateRoster = useCallback(
    async (change) => {
      const queryKey = checkinKeys.roster(scope, sessionId);
      let next = null;
      queryClient.setQueryData(queryKey, (current) => {
        if (!current) return current;
        next = change(current.roster);
        return { ...current, roster: next };
      });
      if (!next) return;
      state.current.roster = next;
      await saveRoster(sessionId, next).catch(() => {});
    },
    [scope, queryClient, sessionId],
  );

  const undoOnServer = useCallback((seat) => main.delete(`${base}/checkins/${seat.booking_id}`, undefined, { params: { seat: seat.seat } }), [base, main]);

  const sendRef = useRef(null);
  const resendSoon = useResendSoon(sendRef);

  const send = useCallback(async () => {
    let answer;
    try {
      answer = await sendQueue(main, `${base}/checkins`, sessionId);
      setProblem(null);
    } catch (error) {
      if (error?.status > 0) setProblem(error); // not the network (expected), nor this browser's storage
      else if (navigator.onLine) resendSoon(); // its answer lost on the way: sent again in moments, not at the next read
      await refreshPending();
      return;
    }
    resendSoon.cancel();
    const recorded = answer.sent.filter(({ result }) => result.status !== "not_valid");
    // Undone on the device while it was on its way: the server has it now, so it is undone there too.
    const regretted = recorded.filter(({ entry, result }) => undone.current.has(entry.id) && result.status === "checked_in");
    const kept = recorded.filter(({ entry }) => !undone.current.has(entry.id));
    // The roster first, then the queue: the seats stay checked in on the screen as they move from one to the other.
    await updateRoster((current) => kept.reduce((next, { result }) => withSeat(next, seatOf(result), result.checked_in_at, result.device_id), current));
    await refreshPending();
    await Promise.all(regretted.map(({ result }) => undoOnServer(seatOf(result)).catch(() => {})));
    answer.sent.forEach(({ entry }) => undone.current.delete(entry.id));
    const refused = answer.sent.filter(({ result }) => result.status === "not_valid");
    if (refused.length > 0) setRefusals((list) => [...list, ...refused.map(({ entry, result }) => ({ ...result, name: result.name ?? entry.name, entryId: entry.id }))]);
    // The server knew better than the device (another door was first, the booking was cancelled): say so.
    const shownAnswer = (current) => answer.sent.find(({ entry }) => entry.id === current?.entryId)?.result;
    setVerdict((current) => {
      const result = shownAnswer(current);
      return result && result.status !== "checked_in" ? { ...result, seat: current.seat } : current;
    });
  }, [base, main, refreshPending, resendSoon, sessionId, setVerdict, undoOnServer, updateRoster]);
  useEffect(() => {
    sendRef.current = send;
  }, [send]);

  // The queue left by an earlier visit goes now; the device's copy of the queue is read first.
  useEffect(() => {
    let current = true;
    queued(sessionId).then((entries) => {
      if (!current) return;
      state.current.pending = entries;
      setPending(entries);
      send();
    }, () => {});
    return () => {
      current = false;
    };
  }, [send, sessionId]);

  // Back online: send the queue, then read the roster again.
  const { refetch } = rosterQuery;
  useEffect(() => {
    const onOnline = () => send().then(() => refetch());
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [refetch, send]);

  // A batch whose answer was lost stays queued with the network up, and nothing else would send it again until the
  // next check-in: each roster read from the server (every 30 s, and after the network comes back) sends it too.
  const readAt = rosterQuery.data?.live ? rosterQuery.data.savedAt : null;
  useEffect(() => {
    if (readAt && state.current.pending.length > 0) send();
  }, [readAt, send]);

  const hexKey = roster?.checkin_key;
  useEffect(() => {
    let current = true;
    if (hexKey) importSessionKey(hexKey).then((imported) => current && setKey(imported));
    return () => {
      current = false;
    };
  }, [hexKey]);

  /** Queues a verdict's check-in and sends it (when there is a network). */
  const record = useCallback(
    async (judged, item) => {
      const { seat } = judged;
      const sending = { ...item, at: new Date().toISOString(), device_id: device };
      let entry;
      try {
        entry = await addToQueue(sessionId, { item: sending, seatKey: seatKey(seat.booking_id, seat.seat), bookingId: seat.booking_id, seat: seat.seat, name: seat.name });
      } catch {
        // No IndexedDB here (a private window, say): the check-in goes straight to the server, or not at all.
        const answer = await main.post(`${base}/checkins`, { checkins: [sending] }).catch((error) => ({ error }));
        const result = answer.results?.[0];
        if (result && result.status !== "not_valid") await updateRoster((current) => withSeat(current, seatOf(result), result.checked_in_at, result.device_id));
        setVerdict(result ? { ...result, seat } : { status: "not_kept", seat, error: answer.error });
        return;
      }
      await refreshPending();
      setVerdict({ ...judged, entryId: entry.id });
      send();
    },
    [base, device, main, refreshPending, send, sessionId, setVerdict, updateRoster],
  );

  const inTurn = useCallback((action) => {
    const run = turn.current.then(action);
    turn.current = run.catch(() => {});
    return run;
  }, []);

  /** A scanned or typed code. */
  const checkInCode = useCallback(
    (text) =>
      inTurn(async () => {
        const context = known(state.current);
        if (!context.roster || !context.key) return;
        const judged = await judgeCode(text, context);
        if (judged.status === "checked_in") await record(judged, { code: judged.code });
        else setVerdict(judged);
      }),
    [inTurn, record, setVerdict],
  );

  /** A seat found by name. */
  const checkInSeat = useCallback(
    (seat) =>
      inTurn(async () => {
        const context = known(state.current);
        if (!context.roster) return;
        const judged = admit(seat, context);
        if (judged.status === "checked_in") await record(judged, { booking_id: seat.booking_id, seat: seat.seat });
        else setVerdict(judged);
      }),
    [inTurn, record, setVerdict],
  );

  /** Undoes a seat's check-in: off the queue when it is still waiting, else on the server (which needs a network). */
  const undo = useCallback(
    (seat) =>
      inTurn(async () => {
        const key = seatKey(seat.booking_id, seat.seat);
        const context = known(state.current);
        const waiting = context.pending.filter((entry) => entry.seatKey === key);
        const found = context.seats.get(key) ?? seat;
        if (waiting.length > 0) {
          waiting.forEach((entry) => undone.current.add(entry.id));
          await removeFromQueue(waiting.map((entry) => entry.id));
          await refreshPending();
        } else {
          try {
            await undoOnServer(seat);
          } catch (error) {
            if (error?.code !== "checkin_not_found") {
              setVerdict({ status: "undo_failed", seat: found, error });
              return;
            }
          }
          await updateRoster((current) => withSeat(current, found, null, null));
        }
        setVerdict({ status: "undone", seat: found });
      }),
    [inTurn, refreshPending, setVerdict, undoOnServer, updateRoster],
  );

  return {
    rosterQuery,
    roster,
    ready: Boolean(roster && key),
    seats,
    count: countHere(seats),
    pending,
    online,
    device,
    verdict,
    refusals,
    problem,
    checkInCode,
    checkInSeat,
    undo,
    send,
    dismissRefusals: () => setRefusals([]),
  };
}
