import { CONSUMERS, deletePactFiles } from "./pact-files.js";

export default function setup(): void {
  deletePactFiles(CONSUMERS);
}
