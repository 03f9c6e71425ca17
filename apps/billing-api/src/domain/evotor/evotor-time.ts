/**
 * Evotor's time formats. Subscription events carry ISO 8601 instants written two ways
 * (`2017-04-20T18:26:37.753+0000` in the docs, `2019-10-28T21:14:12.174Z` in real deliveries), installation
 * events unix milliseconds (a number, or digits in a string), and trials an ISO 8601 duration with a
 * non-standard trailing `T` (`P14DT`).
 */

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Parses an Evotor instant; an instant without an offset is taken as UTC. Null when it is not one. */
export function parseEvotorInstant(value: unknown): Date | null {
  if (typeof value !== "string") {
    return null;
  }
  const match = INSTANT.exec(value.trim());
  if (!match) {
    return null;
  }
  const [, year, month, day, hour, minute, second = "0", fraction = "", offset = "Z"] = match;
  const millis = Number(`${fraction}000`.slice(0, 3));
  const calendar = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  calendar.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  calendar.setUTCHours(Number(hour), Number(minute), Number(second), millis);
  const utc = calendar.getTime();
  const date = new Date(utc - offsetMinutes(offset) * 60_000);
  // Reject calendar nonsense such as month 13 or 31 February, which Date.UTC silently rolls over.
  const check = new Date(utc);
  if (
    Number.isNaN(date.getTime()) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  ) {
    return null;
  }
  return date;
}

function offsetMinutes(offset: string): number {
  if (offset === "Z" || offset === "z") {
    return 0;
  }
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

/** Unix milliseconds as a number or a string of digits. */
export function parseUnixMillis(value: unknown): Date | null {
  const millis =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\d{1,16}$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isSafeInteger(millis) || millis < 0) {
    return null;
  }
  return new Date(millis);
}

export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/**
 * Parses an ISO 8601 duration, accepting Evotor's `P14DT` (a `T` with no time part after it). Null when it
 * is not a duration (including a bare `P`).
 */
export function parseEvotorDuration(value: unknown): IsoDuration | null {
  if (typeof value !== "string") {
    return null;
  }
  const text = value.trim().toUpperCase();
  const match = DURATION.exec(text);
  if (!match || text === "P" || text === "PT") {
    return null;
  }
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  return {
    years: Number(years ?? 0),
    months: Number(months ?? 0),
    weeks: Number(weeks ?? 0),
    days: Number(days ?? 0),
    hours: Number(hours ?? 0),
    minutes: Number(minutes ?? 0),
    seconds: Number((seconds ?? "0").replace(",", ".")),
  };
}

/** `start` plus `duration`, calendar-aware (UTC) for years and months. */
export function addDuration(start: Date, duration: IsoDuration): Date {
  const date = new Date(start);
  if (duration.years !== 0 || duration.months !== 0) {
    date.setUTCMonth(date.getUTCMonth() + duration.years * 12 + duration.months);
  }
  const fixedMs =
    ((duration.weeks * 7 + duration.days) * 24 * 60 * 60 +
      duration.hours * 60 * 60 +
      duration.minutes * 60 +
      duration.seconds) *
    1000;
  return new Date(date.getTime() + fixedMs);
}

export function isZeroDuration(duration: IsoDuration): boolean {
  return Object.values(duration).every((part) => part === 0);
}

export const DAY_MS = 24 * 60 * 60 * 1000;
