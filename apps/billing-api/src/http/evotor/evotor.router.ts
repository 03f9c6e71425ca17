import type { EvotorPartner } from "@marketplace-billing/contracts";
import { type Request, type Response, Router } from "express";
import type { InboundEventDraft } from "../../domain/events/inbound-event.js";
import type { Receipt, ReceiveMode } from "../../domain/events/receive-event.js";
import type { EvotorAccountService } from "../../domain/evotor/evotor-accounts.js";
import {
  EVOTOR_VOLATILE_FIELDS,
  installationDedupeKey,
  parseInstallationEvent,
  parseSubscriptionEvent,
  subscriptionDedupeKey,
} from "../../domain/evotor/evotor-events.js";
import type { Clock } from "../../domain/time/clock.js";
import { bodyParsers } from "../body-parsers.js";
import { openApiValidator } from "../openapi-validation.js";
import { evotorAuthentication } from "./evotor-auth.js";
import { EvotorFieldProblem, evotorErrorHandler } from "./evotor-errors.js";
import { evotorEventDraft } from "./evotor-event-draft.js";

type Schemas = EvotorPartner.components["schemas"];

/**
 * The account request bodies as validated by the spec (the generated types are `unknown` there, because
 * the schemas are open and require `userId` or the legacy `userUuid` through `anyOf`).
 */
type AccountRequestBody = Record<string, unknown> & {
  userId?: string;
  userUuid?: string;
  username?: string;
  password?: string;
  token?: string;
};

/** Evotor calls URLs entered in its developer console; this service serves them all under this prefix. */
export const EVOTOR_PATHS = ["/evotor"] as const;

const SUBSCRIPTION_EVENT_PATHS = ["/evotor/api/v1/subscription/event", "/evotor/api/v1/user/event"];
const INSTALLATION_EVENT_PATH = "/evotor/api/v2/installation/event";

export interface EvotorRouterDeps {
  appToken: string;
  basicCredentials: { username: string; password: string } | null;
  accounts: EvotorAccountService;
  receive: (draft: InboundEventDraft, mode: ReceiveMode) => Promise<Receipt>;
  clock: Clock;
  validateResponses: boolean;
}

/** Evotor's earlier guide names the user `userUuid` in the answer too: echo the name the caller used. */
function legacyName(body: { userId?: string; userUuid?: string }, userId: string): { userUuid?: string } {
  return body.userId === undefined && body.userUuid !== undefined ? { userUuid: userId } : {};
}

function userIdOf(body: { userId?: string; userUuid?: string }): string {
  // The schema requires one of them; `userUuid` is the pre-2017-08 name.
  return (body.userId ?? body.userUuid) as string;
}

/**
 * Evotor's partner webhooks (`specs/evotor-partner.yaml`): account create/verify/token, and subscription
 * and installation events, which are committed to the event log before the 200 and applied right after.
 */
export function evotorRouter(deps: EvotorRouterDeps): Router {
  const router = Router();
  router.use(bodyParsers());
  // App credentials only, on every route (see evotor-auth.ts): a per-user token never moves billing state.
  router.use(evotorAuthentication({ appToken: deps.appToken, basicCredentials: deps.basicCredentials }));
  router.use(openApiValidator("evotor-partner", { validateResponses: deps.validateResponses }));

  router.post("/evotor/api/v1/user/create", async (req, res) => {
    const body = req.body as AccountRequestBody;
    const answer = await deps.accounts.create(userIdOf(body), body);
    const response: Schemas["UserCreateResponse"] = {
      userId: answer.userId,
      ...legacyName(body, answer.userId),
      token: answer.token,
      hasBilling: false,
    };
    req.log.info({ userId: answer.userId }, "Evotor user created");
    res.json(response);
  });

  router.post("/evotor/api/v1/user/verify", async (req, res) => {
    const body = req.body as AccountRequestBody;
    const { password: _password, ...fields } = body;
    const answer = await deps.accounts.verify(userIdOf(body), fields, {
      username: body.username,
      password: body.password,
    });
    const response: Schemas["UserVerifyResponse"] = {
      userId: answer.userId,
      ...legacyName(body, answer.userId),
      hasBilling: answer.hasBilling,
      token: answer.token,
    };
    req.log.info({ userId: answer.userId, hasBilling: answer.hasBilling }, "Evotor user linked");
    res.json(response);
  });

  router.post("/evotor/api/v1/user/token", async (req, res) => {
    const body = req.body as AccountRequestBody;
    const userId = userIdOf(body);
    await deps.accounts.storeCloudToken(userId, body.token as string);
    req.log.info({ userId }, "Evotor Cloud token stored");
    res.json({});
  });

  const storeAndApply = async (
    req: Request,
    res: Response,
    fields: { eventType: string; dedupeKey: string; userId: string },
  ) => {
    // Committed before the 200; the apply workers apply it right after (failures are retried from the log).
    // A duplicate or a conflicting redelivery is not applied again.
    const { event, duplicate, conflict, status } = await deps.receive(
      {
        ...evotorEventDraft(req, { ...fields, receivedAt: deps.clock.now() }),
        volatileFields: EVOTOR_VOLATILE_FIELDS,
      },
      "enqueue",
    );
    req.log.info(
      { eventId: event.id, eventType: fields.eventType, duplicate, conflict, status },
      "Evotor event stored",
    );
    res.json({});
  };

  router.post(SUBSCRIPTION_EVENT_PATHS, async (req, res) => {
    const parsed = parseSubscriptionEvent(req.body);
    if (!parsed.ok) {
      throw new EvotorFieldProblem(parsed.error);
    }
    const event = parsed.value;
    await storeAndApply(req, res, {
      eventType: event.type,
      dedupeKey: subscriptionDedupeKey(event.userId, event.subscriptionId, event.sequenceNumber),
      userId: event.userId,
    });
  });

  router.post(INSTALLATION_EVENT_PATH, async (req, res) => {
    const parsed = parseInstallationEvent(req.body);
    if (!parsed.ok) {
      throw new EvotorFieldProblem(parsed.error);
    }
    const event = parsed.value;
    await storeAndApply(req, res, {
      eventType: event.type,
      dedupeKey: installationDedupeKey(event.userId, event.id),
      userId: event.userId,
    });
  });

  router.use(evotorErrorHandler);
  return router;
}
