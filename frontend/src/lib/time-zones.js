/**
 * Time zones by IANA name ("Asia/Kolkata", "Europe/Berlin") with nothing but the browser's Intl: which zones there
 * are, a zone's offset at an instant, wall-clock times in a zone to instants and back (right across daylight saving
 * changes), and a zone's short name ("IST", "CET", "CEST", "GMT+9").
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Names the browser's ICU still lists under their old spelling, with their current IANA name. Chrome, Edge and Node
 * list "Asia/Calcutta", Firefox "Asia/Kolkata"; the zone list, the default zone and what we send use the current name.
 */
const CURRENT_NAMES = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};
const OLD_NAMES = Object.fromEntries(Object.entries(CURRENT_NAMES).map(([old, current]) => [current, old]));

/** The current IANA spelling of a zone name ("Asia/Calcutta" → "Asia/Kolkata"); other names unchanged. */
export const currentZoneName = (name) => CURRENT_NAMES[name] ?? name;

const intlNames = new Map();

/** The name to hand Intl for a zone: itself, or its old spelling for a browser that knows only that; null if unknown. */
function intlName(name) {
  if (typeof name !== "string" || !name) return null;
  if (!intlNames.has(name)) {
    const known = [name, OLD_NAMES[name]].find((candidate) => {
      if (!candidate) return false;
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: candidate });
        return true;
      } catch {
        return false;
      }
    });
    intlNames.set(name, known ?? null);
  }
  return intlNames.get(name);
}

/** True for a zone name the browser knows ("Europe/Berlin", "UTC"); false for "", "Mars/Olympus" or null. */
export const isTimeZone = (name) => intlName(name) !== null;

let viewer = { probe: null, zone: "UTC" };

/**
 * The viewer's own zone, as the browser resolves it ("UTC" when it can't tell). Asking Intl is slow next to
 * formatting, so the answer is kept while the local clock's offsets in January and July stay the same.
 */
export function browserZone() {
  const probe = `${new Date(2026, 0, 1).getTimezoneOffset()},${new Date(2026, 6, 1).getTimezoneOffset()}`;
  if (probe !== viewer.probe) viewer = { probe, zone: new Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" };
  return viewer.zone;
}

/** A zone Intl can format in: the one given if known, else the viewer's (a name the browser doesn't know must not break a page). */
export function usableZone(timeZone, viewerZone) {
  return intlName(timeZone) ?? intlName(viewerZone ?? browserZone()) ?? "UTC";
}

let listedZones = null;

/** Every zone the browser knows, by current IANA name and sorted, with UTC and any `extra` names (a saved event's zone). */
export function timeZoneNames(extra = []) {
  if (!listedZones) {
    let listed = [];
    try {
      listed = Intl.supportedValuesOf("timeZone");
    } catch {
      listed = []; // a browser without the list still offers UTC, the viewer's zone and the event's
    }
    listedZones = [...new Set([...listed.map(currentZoneName), "UTC"])].sort();
  }
  const more = extra.filter((name) => name && !listedZones.includes(name) && isTimeZone(name));
  return more.length ? [...listedZones, ...more].sort() : listedZones;
}

const cached = (cache, key, make) => {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key);
};

/**
 * Today's offsets are whole quarter hours and clocks change on a whole local quarter hour, so a change falls on a
 * whole quarter hour of UTC: one offset (and one short name) per zone and quarter hour is kept, Intl being slow.
 */
const QUARTER_HOUR = 900_000;
const CACHE_LIMIT = 20_000;
const clockFormatters = new Map();
const offsets = new Map();

const asUtc = ({ year, month, day, hour = 0, minute = 0, second = 0 }) => Date.UTC(year, month - 1, day, hour, minute, second);

/** What the zone's clocks read at an instant, straight from Intl. */
function readClock(instant, zone) {
  const format = cached(clockFormatters, zone, () =>
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    }),
  );
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24, minute: Number(parts.minute), second: Number(parts.second) };
}

/** How far a zone's clocks are ahead of UTC at an instant, in milliseconds (Asia/Kolkata: 5.5 hours). */
export function offsetAt(instant, timeZone) {
  const zone = usableZone(timeZone);
  const quarter = Math.floor(instant / QUARTER_HOUR);
  const key = `${zone}|${quarter}`;
  if (!offsets.has(key)) {
    if (offsets.size >= CACHE_LIMIT) offsets.clear();
    const start = quarter * QUARTER_HOUR;
    offsets.set(key, asUtc(readClock(start, zone)) - start);
  }
  return offsets.get(key);
}

/** {year, month, day, hour, minute, second} an instant reads as in a zone (month 1–12). */
export function wallClock(instant, timeZone) {
  const clock = new Date(instant + offsetAt(instant, timeZone));
  return {
    year: clock.getUTCFullYear(),
    month: clock.getUTCMonth() + 1,
    day: clock.getUTCDate(),
    hour: clock.getUTCHours(),
    minute: clock.getUTCMinutes(),
    second: clock.getUTCSeconds(),
  };
}

/**
 * The instant (ms since the epoch) a wall-clock time {year, month, day, hour, minute} has in a zone. Twice a year
 * a wall-clock time is ambiguous or missing; as Temporal's "compatible" choice: of a time read twice (clocks going
 * back) the earlier, and a time skipped (clocks going forward) is moved forward by the gap (02:30 → 03:30).
 */
export function instantOf(wall, timeZone) {
  const local = asUtc(wall);
  const candidates = new Set([offsetAt(local - DAY, timeZone), offsetAt(local, timeZone), offsetAt(local + DAY, timeZone)]);
  const readsBack = [...candidates].map((offset) => local - offset).filter((instant) => asUtc(wallClock(instant, timeZone)) === local);
  if (readsBack.length > 0) return Math.min(...readsBack);
  // Skipped: with the offset from before the change, the instant reads that much later on the clock after it.
  return local - offsetAt(local - DAY, timeZone);
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** {year, month, day, hour, minute, second} from "2026-03-23T09:00" (a datetime-local value); null when not a real time. */
export function parseWallTime(value) {
  const match = WALL_TIME.exec(value ?? "");
  if (!match) return null;
  const [year, month, day, hour, minute, second = 0] = match.slice(1).map((part) => Number(part ?? 0));
  const wall = { year, month, day, hour, minute, second };
  const check = new Date(asUtc(wall));
  if (hour > 23 || minute > 59 || second > 59 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  return wall;
}

const pad = (number, size = 2) => String(number).padStart(size, "0");

/** "2026-03-23T09:00" from {year, month, day, hour, minute}. */
export const wallTimeText = ({ year, month, day, hour, minute }) => `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;

/** The same wall-clock time `days` later on the calendar ("2026-03-23T09:00" + 7 → "2026-03-30T09:00"); "" when not a time. */
export function addDays(value, days) {
  const wall = parseWallTime(value);
  if (!wall) return "";
  const moved = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days, wall.hour, wall.minute));
  return wallTimeText({ year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate(), hour: moved.getUTCHours(), minute: moved.getUTCMinutes() });
}

/** Locales whose English short zone names we try after the viewer's own: US, British, Indian, Australian names. */
const NAME_LOCALES = ["en-US", "en-GB", "en-IN", "en-AU"];
/** "GMT+1", "GMT-5", "UTC+5:30", "GMT−3" (some locales write a real minus): an offset, not a name. */
const OFFSET_NAME = /^(GMT|UTC)\s?[+\-−]/;

const nameFormatters = new Map();
const abbreviations = new Map();

function shortName(locale, zone, instant) {
  const key = `${locale ?? ""}|${zone}`;
  const format = cached(nameFormatters, key, () => {
    try {
      return new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" });
    } catch {
      return null;
    }
  });
  return format?.formatToParts(new Date(instant)).find((part) => part.type === "timeZoneName")?.value ?? "";
}

/** "GMT+9", "GMT+5:30", "GMT-3", "GMT" for an offset in milliseconds. */
export function gmtOffsetName(offset) {
  if (offset === 0) return "GMT";
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `GMT${offset < 0 ? "-" : "+"}${hours}${rest ? `:${pad(rest)}` : ""}`;
}

/**
 * A zone's short name at an instant: the first one among the viewer's locale, en-US, en-GB, en-IN and en-AU that
 * is a name rather than an offset ("IST", "CET"/"CEST", "EST"/"EDT", "UTC"), else the offset ("GMT+9" for Tokyo).
 */
export function zoneAbbreviation(timeZone, instant = Date.now(), locale = undefined) {
  const zone = usableZone(timeZone);
  const key = `${locale ?? ""}|${zone}|${Math.floor(instant / QUARTER_HOUR)}`;
  if (!abbreviations.has(key)) {
    if (abbreviations.size >= CACHE_LIMIT) abbreviations.clear();
    const found = [locale, ...NAME_LOCALES].map((candidate) => shortName(candidate, zone, instant)).find((name) => name && !OFFSET_NAME.test(name));
    abbreviations.set(key, found ?? gmtOffsetName(offsetAt(instant, zone)));
  }
  return abbreviations.get(key);
}
