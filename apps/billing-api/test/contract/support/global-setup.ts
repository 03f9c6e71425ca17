import { deleteOwnPactFiles } from "./pact-files.js";

export default function setup(): void {
  deleteOwnPactFiles();
}
