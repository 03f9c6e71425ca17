// Generated from specs/evotor-partner.yaml by openapi-typescript. Do not edit: run `npm run generate`.

export interface paths {
    "/evotor/api/v1/user/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register a new account for an Evotor user
         * @description Registers an account for the Evotor `userId` with the developer-defined custom fields the user
         *     filled in, and answers the per-user token Evotor sends on this user's data notifications (stores,
         *     devices, documents), which this service does not serve; it is never accepted on this surface.
         *     Evotor bills accounts made this way, so `hasBilling` is `false`. A repeated create for the same
         *     `userId` answers the same result; 409 (2005) only when the data clash with a different account.
         */
        post: operations["evotorUserCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evotor/api/v1/user/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Link an existing vendor account to an Evotor user
         * @description Checks `username` and `password` (and any custom fields) against the vendor's accounts and links
         *     the account to the Evotor user. `hasBilling: true` means the vendor bills this account itself and
         *     Evotor does not.
         */
        post: operations["evotorUserVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evotor/api/v1/user/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive the Evotor Cloud token of a user
         * @description Evotor sends the Cloud token this service uses (as `X-Authorization`) to call `api.evotor.ru` for
         *     the user. It is stored encrypted (AES-256-GCM) and never logged.
         */
        post: operations["evotorUserToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evotor/api/v1/subscription/event": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a subscription event
         * @description One URL for every subscription event type, discriminated by `type`. Events are delivered at least
         *     once and may arrive out of order: they are deduplicated on (`subscriptionId`, `sequenceNumber`)
         *     and folded in `sequenceNumber` order. 200 means the event is in the event log. Authenticated with
         *     the app credentials only (token as Bearer or Basic, or the Basic pair): the per-user token issued on
         *     create/verify is refused with 401/1001, because it may reach the merchant's side.
         */
        post: operations["evotorSubscriptionEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evotor/api/v1/user/event": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a subscription event (original path)
         * @deprecated
         * @description The path subscription events had until May 2017 (and the one Evotor's billing overview page still
         *     names). It behaves exactly like `/evotor/api/v1/subscription/event`, including the obsolete
         *     `SubscriptionCancelled` type.
         */
        post: operations["evotorUserEventLegacy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evotor/api/v2/installation/event": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive an installation event
         * @description `ApplicationInstalled` or `ApplicationUninstalled` for a user. Deduplicated on the event `id`;
         *     `timestamp` is unix milliseconds (a number, or a string of digits).
         */
        post: operations["evotorInstallationEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Evotor user (business owner account) id.
         * @example 01-000000000000001
         */
        EvotorUserId: string;
        /**
         * @description ISO 8601 instant, with `Z`, `+0000` or `+00:00` offsets (Evotor sends both of the first two).
         * @example 2017-04-20T18:26:37.753+0000
         * @example 2019-10-28T21:14:12.174Z
         */
        Timestamp: string;
        /**
         * @description `userId` plus the custom fields the developer defined on the Integration tab, as flat top-level
         *     keys. Older deliveries name the user `userUuid`; it is accepted when `userId` is absent.
         */
        UserCreateRequest: {
            userId?: components["schemas"]["EvotorUserId"];
            /** @deprecated */
            userUuid?: components["schemas"]["EvotorUserId"];
        } | unknown | unknown;
        UserCreateResponse: {
            userId: string;
            /**
             * @deprecated
             * @description The same id again, when the request named the user `userUuid` (Evotor's earlier guide).
             */
            userUuid?: string;
            /** @description The per-user token Evotor sends as `Authorization: Bearer` on this user's data notifications; never accepted on this surface. */
            token: string;
            /**
             * @description Always false here; Evotor bills accounts made through create.
             * @constant
             */
            hasBilling: false;
        };
        /** @description `userId`, the user's `username` and `password` in the vendor's product, and custom fields. */
        UserVerifyRequest: {
            userId?: components["schemas"]["EvotorUserId"];
            /** @deprecated */
            userUuid?: components["schemas"]["EvotorUserId"];
            username?: string;
            password?: string;
        } | unknown | unknown;
        UserVerifyResponse: {
            userId: string;
            /**
             * @deprecated
             * @description The same id again, when the request named the user `userUuid` (Evotor's earlier guide).
             */
            userUuid?: string;
            /** @description True when the vendor bills this account itself (then Evotor does not). */
            hasBilling: boolean;
            token: string;
        };
        UserTokenRequest: {
            userId?: components["schemas"]["EvotorUserId"];
            /** @deprecated */
            userUuid?: components["schemas"]["EvotorUserId"];
            /** @description The Evotor Cloud token (sent by this service as `X-Authorization` to api.evotor.ru). */
            token: string;
        } | unknown | unknown;
        ChargedSum: {
            amount: number;
            currency: string;
        };
        Addon: {
            id: string;
            quantity: number;
        };
        /** @description Fields every subscription event carries. Unknown fields are accepted. */
        SubscriptionEventEnvelope: {
            /** @example a99fbf70-6307-4acc-b61c-741ee9eef6c0 */
            subscriptionId: string;
            /** @description The Evotor application id (we never depend on it, so null is accepted too). */
            productId?: string | null;
            userId: components["schemas"]["EvotorUserId"];
            timestamp: components["schemas"]["Timestamp"];
            /** @description Increases by one per event of a subscription, starting at 1. */
            sequenceNumber: number;
            /**
             * @description `SubscriptionCreated`, `SubscriptionActivated`, `SubscriptionRenewed`, `SubscriptionTermsChanged`,
             *     `SubscriptionTerminationRequested`, `SubscriptionTerminated`, `AddonsUpdated`, or the obsolete
             *     `SubscriptionCancelled`. Types added later are stored and acknowledged.
             */
            type: string;
        };
        /** @description The user installed the app: a trial starts (`trialPeriodDuration` like `P14DT`) or payment follows. */
        SubscriptionCreated: {
            /** @constant */
            type?: "SubscriptionCreated";
            planId: string;
            /** @description ISO 8601 duration; Evotor writes days with a trailing `T`, e.g. `P14DT`. */
            trialPeriodDuration?: string | null;
            deviceNumber?: number | null;
        };
        /** @description `SubscriptionActivated` (first payment) or `SubscriptionRenewed` (next period paid). */
        SubscriptionPaid: {
            /** @enum {unknown} */
            type?: "SubscriptionActivated" | "SubscriptionRenewed";
            nextBillingDate: components["schemas"]["Timestamp"];
            chargedSum?: components["schemas"]["ChargedSum"] | null;
        };
        /** @description Only the fields that changed are present. */
        SubscriptionTermsChanged: {
            /** @constant */
            type?: "SubscriptionTermsChanged";
            planId?: string | null;
            deviceNumber?: number | null;
            nextBillingDate?: components["schemas"]["Timestamp"] | null;
            chargedSum?: components["schemas"]["ChargedSum"] | null;
        };
        /** @description The paid options chosen on subscribe, renewal or plan change. */
        AddonsUpdated: {
            /** @constant */
            type?: "AddonsUpdated";
            addons: components["schemas"]["Addon"][];
        };
        /**
         * @description A subscription event: the envelope, plus the fields of its `type`.
         *     `SubscriptionTerminationRequested`, `SubscriptionTerminated` and `SubscriptionCancelled` carry only the envelope.
         */
        SubscriptionEvent: components["schemas"]["SubscriptionEventEnvelope"] & unknown & unknown & unknown & unknown;
        /** @description An application was installed or uninstalled for a user. Unknown fields are accepted. */
        InstallationEvent: {
            id: string;
            /** @description Unix milliseconds (Evotor's spec says string, its example is a number). */
            timestamp: number | string;
            version?: number | string;
            /** @description `ApplicationInstalled` or `ApplicationUninstalled`. */
            type: string;
            data: {
                productId?: string | null;
                userId: components["schemas"]["EvotorUserId"];
            };
        };
        Empty: Record<string, never>;
        Errors: {
            errors: {
                code: number;
                reason?: string;
                subject?: string;
                value?: unknown;
            }[];
        };
    };
    responses: {
        /**
         * @description Something failed before the request could be completed (nothing was acknowledged); Evotor retries. Evotor's
         *     format has no code for this: the service answers its own code 5000.
         */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "errors": [
                 *         {
                 *           "code": 5000,
                 *           "reason": "internal error"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["Errors"];
            };
        };
        /**
         * @description The database is unavailable or did not answer in time; nothing was acknowledged and Evotor retries. The
         *     service's own code 5003; `Retry-After` says when to try again.
         */
        ServiceUnavailable: {
            headers: {
                /** @description Seconds to wait before retrying. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "errors": [
                 *         {
                 *           "code": 5003,
                 *           "reason": "service unavailable"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Received (and, for events, stored in the event log). */
        Accepted: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /** @example {} */
                "application/json": components["schemas"]["Empty"];
            };
        };
        /** @description Syntax error (2001), missing or unexpected field (2002), or incorrect value (2003). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "errors": [
                 *         {
                 *           "code": 2002,
                 *           "reason": "missing",
                 *           "subject": "userId"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Wrong token or Basic credentials in `Authorization` (1001), or wrong user credentials on verify (1006). */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "errors": [
                 *         {
                 *           "code": 1001,
                 *           "reason": "unauthorized"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["Errors"];
            };
        };
        /**
         * @description Too many wrong passwords for this username or this Evotor user: further attempts are refused
         *     without being checked until the back-off window (`Retry-After`, seconds) has passed. Evotor's
         *     format has no code of its own for this, so the code is 1006 (user credentials) with
         *     `reason: too many attempts`.
         */
        TooManyAttempts: {
            headers: {
                /** @description Seconds until the next attempt is checked. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "errors": [
                 *         {
                 *           "code": 1006,
                 *           "reason": "too many attempts",
                 *           "subject": "username"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description The vendor account is linked to another Evotor user (2004), or the data clash with an existing account (2005). */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "errors": [
                 *         {
                 *           "code": 2005,
                 *           "reason": "already exists",
                 *           "subject": "email"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["Errors"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    evotorUserCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "userId": "01-000000000000001",
                 *       "email": "owner@example.com",
                 *       "password": "secret"
                 *     }
                 */
                "application/json": components["schemas"]["UserCreateRequest"];
            };
        };
        responses: {
            /** @description The account exists; the token is the one Evotor will send for this user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "userId": "01-000000000000001",
                     *       "token": "toaWaep4chou7ahkoogiu9Iusaht9ima",
                     *       "hasBilling": false
                     *     }
                     */
                    "application/json": components["schemas"]["UserCreateResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    evotorUserVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "userId": "01-000000000000001",
                 *       "username": "v.pupkin",
                 *       "password": "superpassword",
                 *       "customField": "любое значение"
                 *     }
                 */
                "application/json": components["schemas"]["UserVerifyRequest"];
            };
        };
        responses: {
            /** @description The credentials are right and the account is linked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "userId": "01-000000000000001",
                     *       "hasBilling": false,
                     *       "token": "toaWaep4chou7ahkoogiu9Iusaht9ima"
                     *     }
                     */
                    "application/json": components["schemas"]["UserVerifyResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyAttempts"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    evotorUserToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "userId": "01-000000000000001",
                 *       "token": "f46b89a5-8e80-4591-b0aa-94551790444b"
                 *     }
                 */
                "application/json": components["schemas"]["UserTokenRequest"];
            };
        };
        responses: {
            200: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    evotorSubscriptionEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubscriptionEvent"];
            };
        };
        responses: {
            200: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    evotorUserEventLegacy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "subscriptionId": "a99fbf70-6307-4acc-b61c-741ee9eef6c0",
                 *       "productId": "c0d01x35-5193-4cc2-9bfb-be20e0679498",
                 *       "userId": "01-000000000000001",
                 *       "timestamp": "2017-05-10T10:00:00.000+0000",
                 *       "sequenceNumber": 3,
                 *       "type": "SubscriptionCancelled"
                 *     }
                 */
                "application/json": components["schemas"]["SubscriptionEvent"];
            };
        };
        responses: {
            200: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    evotorInstallationEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "a99fbf70-6307-4acc-b61c-741ee9eef6c0",
                 *       "timestamp": 1504168645290,
                 *       "version": 2,
                 *       "type": "ApplicationInstalled",
                 *       "data": {
                 *         "productId": "569af313-5fcf-43b4-9eb4-f81e8f17dac7",
                 *         "userId": "01-000000000000001"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["InstallationEvent"];
            };
        };
        responses: {
            200: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
