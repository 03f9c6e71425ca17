import { InboundEventEntity } from "./inbound-event.entity.js";

/** Every entity, listed explicitly: globs do not load .ts files inside vitest. */
export const entities = [InboundEventEntity];
