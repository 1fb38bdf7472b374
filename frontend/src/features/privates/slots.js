/** Free slots as the pages show them: grouped by the studio's day, each with its time on the studio's clock. */

const dayFormat = (timeZone) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });

/** [{day: "2026-12-03", slots: [...]}] in order, each day's slots in order (the API's order: by start, then teacher). */
export function slotsByDay(items, timeZone) {
  const format = dayFormat(timeZone);
  const days = new Map();
  for (const slot of items ?? []) {
    const day = format.format(new Date(slot.starts_at));
    if (!days.has(day)) days.set(day, []);
    days.get(day).push(slot);
  }
  return [...days].map(([day, slots]) => ({ day, slots }));
}

/** A slot's key: its start and teacher (two teachers may be free at one time). */
export const slotKey = (slot) => `${slot.starts_at}|${slot.teacher.id}`;

/** Whether a pass can pay for a service: it takes credits, and a pack holds as many. */
export const passPays = (pass, service) => Boolean(service?.credits) && (pass.kind !== "pack" || (pass.credits_left ?? 0) >= service.credits);
