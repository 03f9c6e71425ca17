import { randomUUID } from "node:crypto";
import type { Clock } from "../time/clock.js";
import {
  foldGrants,
  GRANT_CREATED,
  GRANT_REVOKED,
  type Grant,
  type GrantSubject,
  type GrantTerms,
} from "./grant.js";
import type { GrantLog } from "./grant-log.js";

/** The vendor's grants: extra features, seats or trial days for an account or a customer. */
export class GrantService {
  constructor(private readonly deps: { log: GrantLog; clock: Clock }) {}

  async grant(subject: GrantSubject, terms: GrantTerms): Promise<Grant> {
    const id = randomUUID();
    const at = this.deps.clock.now();
    await this.deps.log.append(
      subject,
      {
        eventType: GRANT_CREATED,
        payload: {
          grantId: id,
          appliesTo: subject,
          features: [...new Set(terms.features)],
          seats: terms.seats,
          trialExtensionDays: terms.trialExtensionDays,
          expiresAt: terms.expiresAt?.toISOString() ?? null,
          note: terms.note,
        },
      },
      `grant:${id}:created`,
      at,
    );
    return {
      ...terms,
      features: [...new Set(terms.features)],
      id,
      appliesTo: subject,
      grantedAt: at,
      revokedAt: null,
    };
  }

  async list(subject: GrantSubject): Promise<Grant[]> {
    return foldGrants(await this.deps.log.eventsAbout(subject));
  }

  /** Ends a grant now; false when the subject has no such grant. A second revoke changes nothing. */
  async revoke(subject: GrantSubject, grantId: string): Promise<boolean> {
    const grant = (await this.list(subject)).find((candidate) => candidate.id === grantId);
    if (!grant) {
      return false;
    }
    if (grant.revokedAt === null) {
      await this.deps.log.append(
        subject,
        { eventType: GRANT_REVOKED, payload: { grantId } },
        `grant:${grantId}:revoked`,
        this.deps.clock.now(),
      );
    }
    return true;
  }
}
