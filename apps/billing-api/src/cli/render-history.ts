import type { HistoryEntry } from "../domain/entitlements/explain-history.js";

/**
 * An account's history for a terminal: one line per event (when received, log id, source, type, apply
 * status), then one indented line per fact it changed.
 */
export function renderHistory(history: readonly HistoryEntry[]): string {
  const lines: string[] = [];
  for (const { event, changes } of history) {
    lines.push(
      [
        event.receivedAt.toISOString(),
        `#${event.id}`.padEnd(7),
        event.source.padEnd(14),
        event.eventType.padEnd(40),
        event.status,
        event.applyError ? `(${event.applyError})` : "",
      ]
        .join("  ")
        .trimEnd(),
    );
    if (changes.length === 0) {
      lines.push("    (no change)");
    }
    for (const change of changes) {
      lines.push(`    ${change.field}: ${show(change.from)} → ${show(change.to)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function show(value: unknown): string {
  if (value === null || value === undefined) {
    return "-";
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}
