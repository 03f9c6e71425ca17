// Generated from specs/entitlements.yaml by openapi-typescript. Do not edit: run `npm run generate`.

export interface paths {
    "/v1/entitlements/{marketplace}/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        /**
         * The entitlement of a marketplace account
         * @description Computed from the account's subscriptions and the current time. An account never seen answers 200 with
         *     `entitled: false` and `status: none`. The answer carries an `ETag`; send it back in `If-None-Match` to
         *     get 304 while nothing changed.
         */
        get: operations["getEntitlement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/entitlements/{marketplace}/{accountId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        /**
         * Why the account is (not) entitled
         * @description Every event received for the account, oldest first, each with what it changed.
         */
        get: operations["getEntitlementHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/entitlements/{marketplace}/{accountId}/seats": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        /** Seats claimed on the account */
        get: operations["listSeats"];
        /**
         * Assign the account's seats to exactly this set of users
         * @description Replaces the whole set at once (the billing UI's "who has access"): users in `userIds` hold a seat
         *     afterwards (those who held one keep its `claimedAt`), everyone else loses theirs. All or nothing: a set
         *     larger than the limit answers 409 (`seat-limit-reached`, with the limit, the size asked for and, for
         *     GitHub, the `upgradeUrl`) and changes nothing. Serialized with claims on the same account.
         */
        put: operations["assignSeats"];
        /**
         * Claim a seat for a product user
         * @description Idempotent per user: claiming a seat the user already holds answers 200 with it. Beyond the limit the
         *     answer is 409 (`seat-limit-reached`, with the limit and the seats used): the customer must upgrade.
         *     Claims are serialized per account, so concurrent claims never exceed the limit.
         */
        post: operations["claimSeat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/entitlements/github/{accountId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        /**
         * The members of a GitHub organization that bought the listing
         * @description Lists every member of the organization (GitHub's `GET /orgs/{org}/members`, all pages) with the stored
         *     token of a buyer who went through onboarding for it, so the organization's admin can pick whom the vendor
         *     gives a seat (then `PUT …/seats`). 409 `github-sign-in-required` when no buyer's token is usable (none
         *     stored, or GitHub answered 401: the token expired or was revoked): the buyer must sign in again through
         *     the setup URL. 409 `not-an-organization` for a personal account. Needs the `admin` or `seats` scope.
         */
        get: operations["listGithubOrganizationMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/entitlements/{marketplace}/{accountId}/seats/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
                /** @description The product's id for the user holding the seat. */
                userId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Release a user's seat */
        delete: operations["releaseSeat"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/entitlements/{marketplace}/{accountId}/grants": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        /** The grants, live or ended */
        get: operations["listAccountGrants"];
        put?: never;
        /**
         * Give the account extra features, seats or trial days
         * @description A grant adds features and seats to the entitlement while it is live (until `expiresAt`, or until it is
         *     revoked), and `trialExtensionDays` moves the end of a trial that was running when it was made. A grant
         *     with features or seats entitles the account on its own (`status: granted`) when no subscription does. It
         *     is recorded in the event log, so the history and a replay show it. Needs the `admin` scope.
         */
        post: operations["grantAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/entitlements/{marketplace}/{accountId}/grants/{grantId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
                grantId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End a grant now
         * @description Idempotent; the grant stays listed with `revokedAt`. Needs the `admin` scope.
         */
        delete: operations["revokeAccountGrant"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List subscriptions
         * @description Filtered, newest change first, paginated with an opaque cursor.
         */
        get: operations["listSubscriptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a customer (the vendor's own account) */
        post: operations["createCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer id. */
                customerId: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        /** A customer and its linked marketplace accounts */
        get: operations["getCustomer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/links": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer id. */
                customerId: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Link a marketplace account to the customer
         * @description An account belongs to one customer at a time; linking it elsewhere is a 409.
         */
        post: operations["linkAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/links/{marketplace}/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer id. */
                customerId: components["parameters"]["CustomerId"];
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unlink a marketplace account from the customer */
        delete: operations["unlinkAccount"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/entitlement": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer id. */
                customerId: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        /** The combined entitlement of every account linked to the customer */
        get: operations["getCustomerEntitlement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/grants": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer id. */
                customerId: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        /** The grants, live or ended */
        get: operations["listCustomerGrants"];
        put?: never;
        /**
         * Give every account linked to the customer extra features, seats or trial days
         * @description A grant adds features and seats to the entitlement while it is live (until `expiresAt`, or until it is
         *     revoked), and `trialExtensionDays` moves the end of a trial that was running when it was made. A grant
         *     with features or seats entitles the customer on its own (`status: granted`) when no subscription does. It
         *     is recorded in the event log, so the history and a replay show it. Needs the `admin` scope.
         */
        post: operations["grantCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/grants/{grantId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer id. */
                customerId: components["parameters"]["CustomerId"];
                grantId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End a grant now
         * @description Idempotent; the grant stays listed with `revokedAt`. Needs the `admin` scope.
         */
        delete: operations["revokeCustomerGrant"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The plan catalogue
         * @description Every plan seen in a marketplace event, with the vendor's mapping (`mapped` is false until set).
         */
        get: operations["listPlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{marketplace}/{planId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The marketplace's plan id. */
                planId: string;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Map a plan to the vendor's features and seat rules
         * @description Creates the plan if no event mentioned it yet, so a plan can be mapped before its first sale.
         */
        put: operations["mapPlan"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{marketplace}/{planId}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The marketplace's plan id. */
                planId: string;
            };
            cookie?: never;
        };
        /**
         * Every mapping the plan has had
         * @description Each change of a plan's features or seat rules (`PUT /v1/plans/…`) records a new version with the time it
         *     took effect; mapping it to the same thing again records nothing. The history of an account names, for
         *     each event, the features its plans gave under the version in force then.
         */
        get: operations["listPlanVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/onboarding/github/exchange": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Trade an onboarding code for the GitHub buyer, its accounts and their entitlements
         * @description After the OAuth flow (`GET /github/setup`), the buyer lands on `PRODUCT_ONBOARDING_URL` with
         *     `?onboarding_code=…`. The product's backend trades it here, once, within minutes. With `customerId`, every
         *     account is also linked to that customer (an account linked elsewhere is a 409 and nothing is linked).
         */
        post: operations["exchangeGithubOnboardingCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/erasures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase the personal data of one marketplace account now
         * @description What the retention job does `CUSTOMER_DATA_RETENTION_DAYS` after an account's access ended, on request
         *     (e.g. a deletion request): logins, e-mails, names, tokens and custom fields leave the event log's bodies
         *     and every table; ids, plans, dates and units stay, so the account's history and entitlement replay the
         *     same. The erasure is recorded (when, which fields, why) and answered. Refused (409 `access-not-ended`)
         *     while the account still has a live subscription, unless `force` is true. Needs the `admin` scope.
         */
        post: operations["eraseCustomerData"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every API key, live and revoked (never the secret) */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Make an API key
         * @description The answer carries the key itself, once; only its hash is stored. Works while the service runs.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{apiKeyId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The key's id. */
                apiKeyId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Takes effect within seconds on every instance (verified keys are cached for 5 s).
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stored inbound events by apply status, newest first
         * @description What the console lists as failed events to retry. Bodies and headers are not included.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{eventId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event's position in the log. */
                eventId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a failed event again now
         * @description Applies the event at once instead of waiting for its next scheduled attempt, and answers with the
         *     outcome (`applied`, `ignored`, or `failed` again with the new error). A `dead` event gets one attempt and
         *     stays dead if it fails again. Applied, ignored and conflicting events are a 409.
         */
        post: operations["retryEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reconciliation-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent reconciliation runs and the drift each found, newest first */
        get: operations["listReconciliationRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every registered endpoint */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Register a URL to receive events
         * @description billing-api signs every delivery with the endpoint's secret (Standard Webhooks). The answer is the only
         *     time the secret is shown; it is stored encrypted. `http:` URLs are accepted only for loopback hosts.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpointId: components["parameters"]["EndpointId"];
            };
            cookie?: never;
        };
        /** One endpoint */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /** Stop sending to an endpoint and forget it */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /**
         * Change an endpoint's URL, events, description, or enable it again
         * @description Setting `enabled` to true re-enables an endpoint that was disabled after failing or a 410.
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/v1/webhook-endpoints/{endpointId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpointId: components["parameters"]["EndpointId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the endpoint's secret
         * @description The new secret is shown once. For 24 hours every delivery is signed with both the new and the old secret
         *     (two `v1,` signatures), so receivers can switch without losing any.
         */
        post: operations["rotateWebhookEndpointSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{endpointId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpointId: components["parameters"]["EndpointId"];
            };
            cookie?: never;
        };
        /** The endpoint's most recent deliveries */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpointId: components["parameters"]["EndpointId"];
                /** @description The delivery's id. */
                deliveryId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again now
         * @description Works for any delivery, including one that succeeded or was given up; it keeps its `webhook-id`.
         */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "entitlement.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An account's entitlement changed
         * @description Sent whenever the computed entitlement of an account changes: a purchase, a plan or seat change, a
         *     cancellation or pending change taking effect, a trial ending, a grant, a change of the plan's mapping, a
         *     renewal no marketplace reports (GitHub's period end passing moves `currentPeriodEnd` on). Carries
         *     the full new entitlement (as `GET /v1/entitlements/{marketplace}/{accountId}` answers it) and what changed.
         *     When the account is linked to a customer, the customer's combined entitlement comes along. Deliveries may
         *     arrive out of order or more than once: keep the highest `sequence` applied per account and drop the rest.
         */
        post: operations["onEntitlementUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "trial.will_end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A trial ends soon
         * @description Sent once per trial, `TRIAL_WILL_END_DAYS` (default 3) days before it ends; a trial that starts inside that
         *     window gets it right away.
         */
        post: operations["onTrialWillEnd"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "seat.limit_reached": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A seat claim was refused at the limit
         * @description A product user could not get a seat because every seat the account pays for is taken; the customer must
         *     buy more seats or upgrade.
         */
        post: operations["onSeatLimitReached"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "double_purchase.detected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The customer pays twice
         * @description The account has two live paid subscriptions, or the marketplace reported a repeated purchase.
         */
        post: operations["onDoublePurchaseDetected"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "event.dead_lettered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A marketplace delivery could not be applied
         * @description For operators: a stored marketplace delivery failed to apply after its retries and was set aside. It stays in
         *     the event log; fix the cause and replay it.
         */
        post: operations["onEventDeadLettered"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /**
         * @description What an API key may do. `read`: every read. `seats`: reads, plus claiming and releasing seats.
         *     `admin`: everything.
         * @enum {string}
         */
        ApiKeyScope: "read" | "seats" | "admin";
        /** @enum {string} */
        MarketplaceName: "github" | "evotor";
        /** @enum {string} */
        Status: "trialing" | "active" | "past_due" | "pending_cancellation" | "cancelled" | "expired" | "none";
        /**
         * @description The subscription status that gives the most access, or `granted`: entitled by a vendor's grant alone
         *     (no subscription entitles the account).
         * @enum {string}
         */
        EntitlementStatus: "trialing" | "active" | "past_due" | "pending_cancellation" | "cancelled" | "expired" | "granted" | "none";
        PlanRef: {
            planId: string;
            name: string | null;
        };
        /** @description `used` can exceed `limit` after a downgrade: nothing is revoked silently. */
        Seats: {
            /**
             * @description Seats (GitHub per-unit) or devices (Evotor) allowed; null when the plan sets no limit; 0 once the
             *     account is no longer entitled.
             */
            limit: number | null;
            used: number;
        };
        Trial: {
            /** Format: date-time */
            endsAt: string;
            /** @description Whole days left, rounded up. */
            daysLeft: number;
        };
        PendingChange: {
            plan: components["schemas"]["PlanRef"] | null;
            seats: number | null;
            /** Format: date-time */
            effectiveAt: string;
        };
        Source: {
            marketplace: components["schemas"]["MarketplaceName"];
            accountId: string;
            subscriptionIds: string[];
        };
        EntitlementFields: {
            entitled: boolean;
            status: components["schemas"]["EntitlementStatus"];
            plan: components["schemas"]["PlanRef"] | null;
            /** @description The vendor's features granted by the plan (empty while the plan is unmapped or not entitled). */
            features: string[];
            seats: components["schemas"]["Seats"];
            trial: components["schemas"]["Trial"] | null;
            /** Format: date-time */
            currentPeriodEnd: string | null;
            /**
             * Format: date-time
             * @description When access ends (or ended) unless the marketplace says otherwise: a cancellation's date, or while
             *     `past_due` (Evotor retries the payment and the app works in full) the last day of the retries. Null
             *     while the subscription simply renews.
             */
            accessEndsAt: string | null;
            pendingChange: components["schemas"]["PendingChange"] | null;
            /** @enum {string|null} */
            billedBy: "marketplace" | "vendor" | null;
            /** @description The customer pays twice (two live paid subscriptions, or the marketplace reported a repeated purchase). */
            doublePurchase: boolean;
            /** @description The live grants that add to this entitlement (the account's and its customer's). */
            grants: components["schemas"]["Grant"][];
            /** Format: date-time */
            updatedAt: string | null;
            billing: components["schemas"]["Billing"] | null;
            /**
             * @description GitHub Marketplace's upgrade page for the account's plan
             *     (`https://github.com/marketplace/<listing>/upgrade/<plan number>/<account id>`), while entitled; null for
             *     other marketplaces, without GITHUB_MARKETPLACE_LISTING, or while the plan's number is unknown (it comes
             *     from reconciliation or onboarding).
             */
            upgradeUrl: string | null;
        };
        /** @description What a billing page shows about what the customer pays. */
        Billing: {
            /** @enum {string|null} */
            priceModel: "free" | "flat_rate" | "per_unit" | null;
            /** @description The plan's monthly price (per unit on per-unit plans), in cents of USD on GitHub. */
            monthlyPriceCents: number | null;
            yearlyPriceCents: number | null;
            unitName: string | null;
            /** @description `monthly` or `yearly` (GitHub); null when the marketplace does not say. */
            billingCycle: string | null;
            /** @description What one billing cycle costs (times the units on per-unit plans); null when unknown. */
            priceCents: number | null;
            /**
             * Format: date-time
             * @description The next charge. GitHub sends nothing on renewal, so a date that has passed is rolled forward by the
             *     billing cycle; null when access ends instead (see `endsAt`) or nothing is billed.
             */
            nextBillingDate: string | null;
            /**
             * Format: date-time
             * @description When access ends (a cancellation, now or at the end of the period); null while it renews.
             */
            endsAt: string | null;
        };
        GrantRequest: {
            features?: string[];
            seats?: number;
            trialExtensionDays?: number;
            /**
             * Format: date-time
             * @description The grant ends then; without it, it lasts until revoked.
             */
            expiresAt?: string;
            /** @description Why it was given (shown in the history). */
            note?: string;
        } | unknown | unknown | unknown;
        Grant: {
            /** Format: uuid */
            id: string;
            appliesTo: components["schemas"]["GrantSubject"];
            features: string[];
            seats: number | null;
            trialExtensionDays: number | null;
            /** Format: date-time */
            expiresAt: string | null;
            note: string | null;
            /** Format: date-time */
            grantedAt: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** @description Neither revoked nor past `expiresAt`. */
            live: boolean;
        };
        /** @description A marketplace account, or a customer (then every account linked to it). */
        GrantSubject: {
            marketplace: components["schemas"]["MarketplaceName"];
            accountId: string;
        } | {
            customerId: string;
        };
        GrantList: {
            grants: components["schemas"]["Grant"][];
        };
        Entitlement: components["schemas"]["EntitlementFields"] & {
            source: components["schemas"]["Source"];
        };
        CustomerEntitlement: components["schemas"]["EntitlementFields"] & {
            customerId: string;
            sources: components["schemas"]["Source"][];
        };
        Change: {
            field: string;
            from: unknown;
            to: unknown;
        };
        HistoryEntry: {
            /**
             * @description The features the account's live plans gave after this event, under the plan mappings in force when it
             *     was received (a later remapping does not rewrite the past); grants not included.
             */
            features?: string[];
            eventId: string;
            /**
             * @description The marketplace's event name, e.g. `marketplace_purchase.changed` or `SubscriptionRenewed`; the vendor's
             *     grants are `grant.created` and `grant.revoked` (source `admin`).
             */
            type: string;
            /** @enum {string} */
            source: "webhook" | "reconciliation" | "onboarding" | "admin";
            /** Format: date-time */
            receivedAt: string;
            /**
             * @description `failed`: applying it failed and is retried with back-off; `dead`: it failed every attempt and is
             *     quarantined (left out of the state until an operator retries it); `conflict`: a redelivery under the
             *     dedupe key of an earlier event (`conflictsWith`) carrying a different body, kept so the discrepancy
             *     can be inspected and never applied.
             */
            applyStatus: components["schemas"]["ApplyStatus"];
            applyError?: string | null;
            /** @description With `conflict`, the `eventId` of the stored delivery this one contradicts. */
            conflictsWith?: string | null;
            /** @description What the subscription state looked like before and after this event arrived. */
            changes: components["schemas"]["Change"][];
        };
        History: {
            marketplace: components["schemas"]["MarketplaceName"];
            accountId: string;
            events: components["schemas"]["HistoryEntry"][];
        };
        SeatClaim: {
            /** @description The product's id for the user. */
            userId: string;
        };
        Seat: {
            userId: string;
            /** Format: date-time */
            claimedAt: string;
        };
        SeatList: {
            limit: number | null;
            used: number;
            seats: components["schemas"]["Seat"][];
        };
        SeatProblem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            limit?: number | null;
            used?: number;
            upgradeRequired?: boolean;
            /** @description How many seats a bulk assignment asked for. */
            requested?: number;
            /** @description Where the customer upgrades on GitHub Marketplace (GitHub accounts, with GITHUB_MARKETPLACE_LISTING set). */
            upgradeUrl?: string | null;
        };
        SeatAssignment: {
            /** @description The product's ids of every user who should hold a seat. */
            userIds: string[];
        };
        OrganizationMember: {
            /** @description The member's GitHub user id (stable; logins change). */
            id: string;
            login: string;
            /** @description `User` (or `Bot`). */
            type: string | null;
        };
        OrganizationMembers: {
            accountId: string;
            /** @description The organization's login. */
            login: string;
            members: components["schemas"]["OrganizationMember"][];
        };
        ErasureRequest: {
            marketplace: components["schemas"]["MarketplaceName"];
            accountId: string;
            /** @description Why (e.g. the ticket of the deletion request); recorded with the erasure. */
            reason?: string;
            /** @description Erase even though the account still has a live subscription. */
            force?: boolean;
        };
        Redaction: {
            id: string;
            marketplace: components["schemas"]["MarketplaceName"];
            accountId: string;
            reason: string;
            /** Format: date-time */
            redactedAt: string;
            /** @description Per table (or `inbound_event`), the columns or payload fields erased and how many rows. */
            fields: {
                [key: string]: {
                    rows: number;
                    fields: string[];
                };
            };
        };
        SubscriptionSummary: {
            marketplace: components["schemas"]["MarketplaceName"];
            accountId: string;
            subscriptionId: string;
            status: components["schemas"]["Status"];
            entitled: boolean;
            plan: components["schemas"]["PlanRef"] | null;
            seats: number | null;
            /** Format: date-time */
            trialEndsAt: string | null;
            /** Format: date-time */
            currentPeriodEnd: string | null;
            /** Format: date-time */
            endsAt: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        SubscriptionPage: {
            items: components["schemas"]["SubscriptionSummary"][];
            nextCursor: string | null;
        };
        AccountRef: {
            marketplace: components["schemas"]["MarketplaceName"];
            accountId: string;
        };
        CustomerInput: {
            /** @description The vendor's own id for the customer (unique). */
            externalId?: string;
            name?: string;
        };
        Customer: {
            /** Format: uuid */
            id: string;
            externalId: string | null;
            name: string | null;
            links: components["schemas"]["AccountRef"][];
            /** Format: date-time */
            createdAt: string;
        };
        SeatRules: {
            /** @description Seats a flat-rate or free plan allows; per-unit plans use the units bought. */
            seatLimit?: number | null;
        };
        PlanVersion: {
            version: number;
            features: string[];
            seatRules: components["schemas"]["SeatRules"];
            /** Format: date-time */
            effectiveFrom: string;
        };
        PlanVersionList: {
            versions: components["schemas"]["PlanVersion"][];
        };
        PlanMapping: {
            features: string[];
            seatRules?: components["schemas"]["SeatRules"];
        };
        Plan: {
            marketplace: components["schemas"]["MarketplaceName"];
            planId: string;
            name: string | null;
            description: string | null;
            /** @enum {string|null} */
            priceModel: "free" | "flat_rate" | "per_unit" | null;
            monthlyPriceCents: number | null;
            yearlyPriceCents: number | null;
            unitName: string | null;
            hasFreeTrial: boolean | null;
            bullets: string[];
            mapped: boolean;
            features: string[];
            seatRules: components["schemas"]["SeatRules"];
            /** Format: date-time */
            firstSeenAt: string;
            /** Format: date-time */
            lastSeenAt: string;
        };
        PlanList: {
            items: components["schemas"]["Plan"][];
        };
        OnboardingExchangeRequest: {
            code: string;
            /**
             * Format: uuid
             * @description Link every account to this customer.
             */
            customerId?: string;
        };
        OnboardingAccount: {
            /** @description The GitHub account id (the buyer or an organization it bought for). */
            accountId: string;
            login: string | null;
            /** @description `User` or `Organization`. */
            type: string | null;
            planId: string | null;
            planName: string | null;
            /** @description An organization on a per-unit plan; the product's users claim seats on it. */
            seatsClaimable: boolean;
            entitlement: components["schemas"]["Entitlement"];
        };
        OnboardingExchange: {
            githubUser: {
                id: string;
                login: string;
            };
            accounts: components["schemas"]["OnboardingAccount"][];
            /** @description The customer the accounts were linked to, if one was given. */
            customerId: string | null;
        };
        /** @enum {string} */
        EventType: "entitlement.updated" | "trial.will_end" | "seat.limit_reached" | "double_purchase.detected" | "event.dead_lettered";
        WebhookEndpointInput: {
            /** Format: uri */
            url: string;
            /** @description The event types to send; omitted or null means every type. */
            events?: components["schemas"]["EventType"][];
            description?: string;
        };
        WebhookEndpointPatch: {
            /** Format: uri */
            url?: string;
            events?: components["schemas"]["EventType"][] | null;
            description?: string | null;
            enabled?: boolean;
        };
        WebhookEndpointFields: {
            /** Format: uuid */
            id: string;
            url: string;
            /** @description The event types sent; null means every type. */
            events: components["schemas"]["EventType"][] | null;
            description: string | null;
            enabled: boolean;
            /**
             * @description `gone`: it answered 410; `failing`: no delivery succeeded for 5 days.
             * @enum {string|null}
             */
            disabledReason: "gone" | "failing" | null;
            /**
             * Format: date-time
             * @description The first failed attempt since the last success.
             */
            failingSince: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        WebhookEndpoint: components["schemas"]["WebhookEndpointFields"];
        WebhookEndpointWithSecret: components["schemas"]["WebhookEndpointFields"] & {
            /** @description The Standard Webhooks signing secret, shown only in this answer. */
            secret: string;
        };
        WebhookEndpointList: {
            items: components["schemas"]["WebhookEndpoint"][];
        };
        WebhookAttempt: {
            /** Format: date-time */
            at: string;
            /** @description The endpoint's HTTP status; null when it did not answer. */
            statusCode: number | null;
            error: string | null;
            durationMs: number;
        };
        WebhookDelivery: {
            id: string;
            /** @description The `webhook-id` receivers see (the same on every attempt). */
            eventId: string;
            eventType: components["schemas"]["EventType"];
            /**
             * @description `failed`: given up after 3 days of retries, or the endpoint was disabled.
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed";
            attempts: number;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description The most recent attempts, newest last (at most 20). */
            lastAttempts: components["schemas"]["WebhookAttempt"][];
        };
        WebhookDeliveryList: {
            items: components["schemas"]["WebhookDelivery"][];
        };
        /** @description The `entitlement.updated` event. */
        EntitlementUpdatedEvent: {
            /** @constant */
            type: "entitlement.updated";
            /**
             * Format: date-time
             * @description When the change happened (not when this attempt was sent).
             */
            timestamp: string;
            data: components["schemas"]["EntitlementUpdatedData"];
        };
        /** @description The `trial.will_end` event. */
        TrialWillEndEvent: {
            /** @constant */
            type: "trial.will_end";
            /**
             * Format: date-time
             * @description When the change happened (not when this attempt was sent).
             */
            timestamp: string;
            data: components["schemas"]["TrialWillEndData"];
        };
        /** @description The `seat.limit_reached` event. */
        SeatLimitReachedEvent: {
            /** @constant */
            type: "seat.limit_reached";
            /**
             * Format: date-time
             * @description When the change happened (not when this attempt was sent).
             */
            timestamp: string;
            data: components["schemas"]["SeatLimitReachedData"];
        };
        /** @description The `double_purchase.detected` event. */
        DoublePurchaseDetectedEvent: {
            /** @constant */
            type: "double_purchase.detected";
            /**
             * Format: date-time
             * @description When the change happened (not when this attempt was sent).
             */
            timestamp: string;
            data: components["schemas"]["DoublePurchaseDetectedData"];
        };
        /** @description The `event.dead_lettered` event. */
        EventDeadLetteredEvent: {
            /** @constant */
            type: "event.dead_lettered";
            /**
             * Format: date-time
             * @description When the change happened (not when this attempt was sent).
             */
            timestamp: string;
            data: components["schemas"]["EventDeadLetteredData"];
        };
        /**
         * @description Grows with every event about the account (never reused, not necessarily by one). Deliveries can arrive out
         *     of order or twice: apply one only if its sequence is above the last applied for the account.
         */
        EventSequence: number;
        EntitlementUpdatedData: {
            account: components["schemas"]["AccountRef"];
            /** @description The customer the account is linked to, if any. */
            customerId: string | null;
            sequence: components["schemas"]["EventSequence"];
            entitlement: components["schemas"]["Entitlement"];
            /** @description The entitlement fields that differ from the previous one sent, with their old and new values. */
            changes: components["schemas"]["Change"][];
            /** @description The linked customer's combined entitlement after this change (null when not linked). */
            customerEntitlement: components["schemas"]["CustomerEntitlement"] | null;
        };
        TrialWillEndData: {
            account: components["schemas"]["AccountRef"];
            customerId: string | null;
            sequence: components["schemas"]["EventSequence"];
            trial: components["schemas"]["Trial"];
            plan: components["schemas"]["PlanRef"] | null;
        };
        SeatLimitReachedData: {
            account: components["schemas"]["AccountRef"];
            customerId: string | null;
            sequence: components["schemas"]["EventSequence"];
            /** @description The product user whose claim was refused. */
            userId: string;
            limit: number;
            used: number;
        };
        DoublePurchaseDetectedData: {
            account: components["schemas"]["AccountRef"];
            customerId: string | null;
            sequence: components["schemas"]["EventSequence"];
            /** @description The live paid subscriptions the customer pays for (one when the marketplace reported a repeat). */
            subscriptionIds: string[];
        };
        EventDeadLetteredData: {
            /** @description The stored delivery's id in the event log. */
            eventId: string;
            marketplace: components["schemas"]["MarketplaceName"];
            /** @description The marketplace's event name, e.g. `marketplace_purchase.changed` or `SubscriptionRenewed`. */
            eventType: string;
            accountId: string | null;
            /** Format: date-time */
            receivedAt: string;
            attempts: number;
            /** @description Why the last attempt failed (no secrets, no payload). */
            error: string;
        };
        /**
         * @description Where a stored event is in being applied to subscription state: `failed` is retried with backoff; `dead`
         *     failed too many times and is retried only by an operator (`POST /v1/events/{eventId}/retry`); `conflict`
         *     contradicts an earlier delivery under the same dedupe key and is never applied.
         * @enum {string}
         */
        ApplyStatus: "received" | "applied" | "failed" | "ignored" | "dead" | "conflict";
        ApiKeyInput: {
            /** @description What the key is for, e.g. `product backend`. */
            name: string;
            scopes: components["schemas"]["ApiKeyScope"][];
            /** @description Restrict the key to one marketplace; omitted or null, every marketplace. */
            marketplace?: components["schemas"]["MarketplaceName"] | null;
        };
        ApiKeyFields: {
            /** Format: uuid */
            id: string;
            name: string;
            scopes: components["schemas"]["ApiKeyScope"][];
            /** @description The one marketplace the key may act on; null, every marketplace. */
            marketplace: components["schemas"]["MarketplaceName"] | null;
            /** Format: date-time */
            createdAt: string;
        };
        ApiKey: components["schemas"]["ApiKeyFields"] & {
            /** Format: date-time */
            revokedAt: string | null;
        };
        CreatedApiKey: components["schemas"]["ApiKeyFields"] & {
            /** @description The secret to send as `Authorization: Bearer <key>`; shown only in this answer. */
            key: string;
        };
        ApiKeyList: {
            items: components["schemas"]["ApiKey"][];
        };
        EventSummary: {
            id: string;
            marketplace: components["schemas"]["MarketplaceName"];
            /**
             * @description `admin`: a vendor's grant (`grant.created`, `grant.revoked`) to an account.
             * @enum {string}
             */
            source: "webhook" | "reconciliation" | "onboarding" | "admin";
            type: string;
            accountId: string | null;
            /** Format: date-time */
            receivedAt: string;
            status: components["schemas"]["ApplyStatus"];
            applyError: string | null;
            applyAttempts: number;
            /** Format: date-time */
            nextAttemptAt: string | null;
        };
        EventPage: {
            items: components["schemas"]["EventSummary"][];
            nextCursor: string | null;
        };
        ReconciliationRun: {
            /** Format: uuid */
            id: string;
            marketplace: components["schemas"]["MarketplaceName"];
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            finishedAt: string;
            /**
             * @description `failed`: the marketplace's listing could not be read in full, so nothing was repaired.
             * @enum {string}
             */
            outcome: "completed" | "failed";
            plans: number;
            accounts: number;
            /** @description Drift found and repaired, per kind (e.g. `missed_purchase`), each with a count. */
            drift: {
                [key: string]: number;
            };
            /** @description Repairs stored in the event log whose apply failed (the retry loop applies them). */
            failedRepairs: number;
            error: string | null;
        };
        ReconciliationRunList: {
            items: components["schemas"]["ReconciliationRun"][];
        };
        /** @description RFC 9457 problem details. */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail?: string;
        };
        /**
         * @description A 403 problem: `requiredScope` when the key's scope is too small, `allowedMarketplace` when the key is
         *     restricted to another marketplace than the request names.
         */
        ForbiddenProblem: components["schemas"]["Problem"] & {
            requiredScope?: components["schemas"]["ApiKeyScope"];
            allowedMarketplace?: components["schemas"]["MarketplaceName"];
        };
    };
    responses: {
        /** @description The database is unavailable or did not answer in time; nothing was done. Retry after `Retry-After` seconds. */
        Unavailable: {
            headers: {
                /** @description Seconds to wait before retrying. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description An error, as RFC 9457 problem details. */
        Problem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The API key's scope, or the marketplace it is restricted to, does not cover this request. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ForbiddenProblem"];
            };
        };
    };
    parameters: {
        /** @description `github` or `evotor`. */
        Marketplace: components["schemas"]["MarketplaceName"];
        /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
        AccountId: string;
        /** @description The customer id. */
        CustomerId: string;
        /** @description The webhook endpoint's id. */
        EndpointId: string;
        /** @description The event's id, the same on every retry of it; receivers deduplicate on it. */
        WebhookId: string;
        /** @description When this attempt was signed, in seconds since the Unix epoch; refuse ones too far from now. */
        WebhookTimestamp: string;
        /**
         * @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per secret
         *     the endpoint signs with (two while a rotated secret is still valid).
         */
        WebhookSignature: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getEntitlement: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag from an earlier answer. */
                "If-None-Match"?: string;
            };
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The entitlement. */
            200: {
                headers: {
                    /** @description Changes whenever the entitlement does. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entitlement"];
                };
            };
            /** @description Unchanged since the ETag in `If-None-Match`. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["Unavailable"];
        };
    };
    getEntitlementHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The history. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["History"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["Unavailable"];
        };
    };
    listSeats: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The seats. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeatList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["Unavailable"];
        };
    };
    assignSeats: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SeatAssignment"];
            };
        };
        responses: {
            /** @description The seats now held. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeatList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            /** @description The set does not fit (`seat-limit-reached`) or the account is not entitled (`not-entitled`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["SeatProblem"];
                };
            };
        };
    };
    claimSeat: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SeatClaim"];
            };
        };
        responses: {
            /** @description The user already held a seat. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Seat"];
                };
            };
            /** @description Seat claimed. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Seat"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            /** @description No seat left (`seat-limit-reached`) or the account is not entitled (`not-entitled`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["SeatProblem"];
                };
            };
            503: components["responses"]["Unavailable"];
        };
    };
    listGithubOrganizationMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organization and its members. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationMembers"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            502: components["responses"]["Problem"];
        };
    };
    releaseSeat: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
                /** @description The product's id for the user holding the seat. */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Released (or was not held). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["Unavailable"];
        };
    };
    listAccountGrants: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every grant, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrantList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["Unavailable"];
        };
    };
    grantAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GrantRequest"];
            };
        };
        responses: {
            /** @description The grant. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Grant"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["Unavailable"];
        };
    };
    revokeAccountGrant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
                grantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (or already revoked). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    listSubscriptions: {
        parameters: {
            query?: {
                /** @description Only this marketplace. */
                marketplace?: components["schemas"]["MarketplaceName"];
                /** @description Only subscriptions with this status now. */
                status?: components["schemas"]["Status"];
                /** @description Only this marketplace plan id. */
                planId?: string;
                /** @description Only trials that end before this instant (and have not ended yet). */
                trialEndsBefore?: string;
                /** @description Page size. */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of subscriptions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionPage"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["Unavailable"];
        };
    };
    createCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerInput"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    getCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer id. */
                customerId: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    linkAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer id. */
                customerId: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountRef"];
            };
        };
        responses: {
            /** @description Linked (or already was); the customer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    unlinkAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer id. */
                customerId: components["parameters"]["CustomerId"];
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The GitHub account id (user or organization) or the Evotor `userId`. */
                accountId: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unlinked (or was not linked). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    getCustomerEntitlement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer id. */
                customerId: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The combined entitlement. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerEntitlement"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    listCustomerGrants: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer id. */
                customerId: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every grant, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrantList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    grantCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer id. */
                customerId: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GrantRequest"];
            };
        };
        responses: {
            /** @description The grant. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Grant"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    revokeCustomerGrant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer id. */
                customerId: components["parameters"]["CustomerId"];
                grantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (or already revoked). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    listPlans: {
        parameters: {
            query?: {
                /** @description Only this marketplace. */
                marketplace?: components["schemas"]["MarketplaceName"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The plans. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["Unavailable"];
        };
    };
    mapPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The marketplace's plan id. */
                planId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlanMapping"];
            };
        };
        responses: {
            /** @description The mapped plan. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plan"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["Unavailable"];
        };
    };
    listPlanVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `github` or `evotor`. */
                marketplace: components["parameters"]["Marketplace"];
                /** @description The marketplace's plan id. */
                planId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The versions, oldest first (empty while the plan was never mapped). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanVersionList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["Unavailable"];
        };
    };
    exchangeGithubOnboardingCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OnboardingExchangeRequest"];
            };
        };
        responses: {
            /** @description The buyer and the accounts it bought for. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingExchange"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            410: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    eraseCustomerData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ErasureRequest"];
            };
        };
        responses: {
            /** @description Erased; the record of what was erased. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Redaction"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The keys, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyInput"];
            };
        };
        responses: {
            /** @description Created; store `key` now, it is not shown again. */
            201: {
                headers: {
                    /** @description The key's URL (for `DELETE`). */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The key's id. */
                apiKeyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            /** @description No live key with this id (unknown or already revoked). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query: {
                /** @description Only events with this apply status. */
                status: components["schemas"]["ApplyStatus"];
                /** @description Only this marketplace. */
                marketplace?: components["schemas"]["MarketplaceName"];
                /** @description Page size. */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
        };
    };
    retryEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event's position in the log. */
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event after the attempt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventSummary"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listReconciliationRuns: {
        parameters: {
            query?: {
                /** @description How many runs. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The runs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationRunList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoints, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointInput"];
            };
        };
        responses: {
            /** @description Registered; keep the secret, it is not shown again. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpointId: components["parameters"]["EndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint (without its secret). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpointId: components["parameters"]["EndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted, with its pending deliveries. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpointId: components["parameters"]["EndpointId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointPatch"];
            };
        };
        responses: {
            /** @description The endpoint as it is now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    rotateWebhookEndpointSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpointId: components["parameters"]["EndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint with its new secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpointId: components["parameters"]["EndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first, with their attempts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    retryWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                endpointId: components["parameters"]["EndpointId"];
                /** @description The delivery's id. */
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued for an attempt now. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    onEntitlementUpdated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every retry of it; receivers deduplicate on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was signed, in seconds since the Unix epoch; refuse ones too far from now. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per secret
                 *     the endpoint signs with (two while a rotated secret is still valid).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntitlementUpdatedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx counts; anything else (or no answer within 10 s) is retried. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (for example a bad signature); retried like any other failure. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The endpoint is gone; billing-api disables it and stops sending. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onTrialWillEnd: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every retry of it; receivers deduplicate on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was signed, in seconds since the Unix epoch; refuse ones too far from now. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per secret
                 *     the endpoint signs with (two while a rotated secret is still valid).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TrialWillEndEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx counts; anything else (or no answer within 10 s) is retried. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (for example a bad signature); retried like any other failure. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The endpoint is gone; billing-api disables it and stops sending. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onSeatLimitReached: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every retry of it; receivers deduplicate on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was signed, in seconds since the Unix epoch; refuse ones too far from now. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per secret
                 *     the endpoint signs with (two while a rotated secret is still valid).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SeatLimitReachedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx counts; anything else (or no answer within 10 s) is retried. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (for example a bad signature); retried like any other failure. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The endpoint is gone; billing-api disables it and stops sending. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onDoublePurchaseDetected: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every retry of it; receivers deduplicate on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was signed, in seconds since the Unix epoch; refuse ones too far from now. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per secret
                 *     the endpoint signs with (two while a rotated secret is still valid).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DoublePurchaseDetectedEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx counts; anything else (or no answer within 10 s) is retried. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (for example a bad signature); retried like any other failure. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The endpoint is gone; billing-api disables it and stops sending. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onEventDeadLettered: {
        parameters: {
            query?: never;
            header: {
                /** @description The event's id, the same on every retry of it; receivers deduplicate on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was signed, in seconds since the Unix epoch; refuse ones too far from now. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per secret
                 *     the endpoint signs with (two while a rotated secret is still valid).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventDeadLetteredEvent"];
            };
        };
        responses: {
            /** @description Received. Any 2xx counts; anything else (or no answer within 10 s) is retried. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused (for example a bad signature); retried like any other failure. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The endpoint is gone; billing-api disables it and stops sending. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
