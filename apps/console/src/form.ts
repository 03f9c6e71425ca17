import { h } from "./dom.js";

export function select(name: string, label: string, choices: [string, string, boolean][]): HTMLElement {
  return h(
    "label",
    {},
    label,
    h(
      "select",
      { name },
      ...choices.map(([value, text, selected]) => h("option", { value, selected }, text)),
    ),
  );
}

export function input(name: string, label: string, attributes: Record<string, unknown> = {}): HTMLElement {
  return h("label", {}, label, h("input", { name, ...attributes }));
}
