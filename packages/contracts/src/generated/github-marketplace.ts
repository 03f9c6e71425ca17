// Generated from specs/github-marketplace.yaml by openapi-typescript. Do not edit: run `npm run generate`.

export interface paths {
    "/webhooks/github": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a Marketplace listing webhook delivery
         * @description Verifies `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the listing's webhook secret), stores the
         *     delivery in the event log keyed by `X-GitHub-Delivery`, and answers as soon as it is committed: a 2xx
         *     means the delivery is durably stored. A `marketplace_purchase` event is then applied to the account's
         *     subscription by the apply workers, right after the answer (202 `queued`); an apply that fails is kept
         *     and retried, never refused, since GitHub never redelivers on its own. A redelivery of a stored delivery
         *     answers 200 with `status: duplicate` and changes nothing; so does the same body (byte for byte,
         *     compared by SHA-256) sent again under a new `X-GitHub-Delivery`. A delivery id seen before with a
         *     *different* body answers 200 with `status: conflict`: the new body is kept in the log as a conflicting
         *     delivery and never applied. `ping` and other events are stored and acknowledged without effect (200
         *     `ignored`).
         */
        post: operations["receiveGithubMarketplaceDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "marketplace-purchase-purchased": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Someone bought a plan (possibly on a free trial)
         * @description Takes effect immediately; a trial gets the same access as the paid plan.
         */
        post: operations["marketplacePurchasePurchased"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "marketplace-purchase-changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The subscription changed now
         * @description An upgrade, a downgrade reaching its date, a seat or billing-cycle change, a trial converted to paid, or a
         *     failed upgrade payment reverting the plan. `marketplace_purchase` is the new state from `effective_date`.
         */
        post: operations["marketplacePurchaseChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "marketplace-purchase-pending-change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A downgrade or cancellation will happen at the end of the billing cycle
         * @description The change takes effect at `effective_date`; access stays as it is until then. `marketplace_purchase`
         *     and `previous_marketplace_purchase` can be identical, so the direction is not inferred from them.
         */
        post: operations["marketplacePurchasePendingChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "marketplace-purchase-pending-change-cancelled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A pending change was withdrawn */
        post: operations["marketplacePurchasePendingChangeCancelled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "marketplace-purchase-cancelled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The subscription ends at effective_date
         * @description Paid plans end at the end of the billing cycle; free trials and free plans immediately.
         */
        post: operations["marketplacePurchaseCancelled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    ping: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sent when the listing's webhook is created */
        post: operations["ping"];
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
         * @description Any JSON object. A body with a `marketplace_purchase` member must be a valid MarketplacePurchaseEvent;
         *     other events (which may have their own `action`) are stored as they are.
         */
        DeliveryBody: Record<string, never>;
        FormEncodedDelivery: {
            /** @description The JSON payload. */
            payload: string;
        };
        DeliveryReceipt: {
            deliveryId: string;
            /** @description `X-GitHub-Event`, with `.action` appended when the payload has one. */
            event: string;
            /**
             * @description `queued`: stored, applied right after the answer (a failed apply is retried with back-off, and
             *     quarantined as dead after the configured attempts); `ignored`: stored without effect (ping, other
             *     events); `duplicate`: this delivery (or this exact body) was already stored; `conflict`: this delivery
             *     id was stored with another body, the new body is kept for inspection but not applied.
             * @enum {string}
             */
            status: "queued" | "ignored" | "duplicate" | "conflict";
        };
        MarketplacePurchaseEvent: {
            /** @enum {string} */
            action: "purchased" | "pending_change" | "pending_change_cancelled" | "changed" | "cancelled";
            /** @description When the action takes effect (ISO 8601); in the future for `pending_change`. */
            effective_date?: string;
            sender?: components["schemas"]["Sender"];
            marketplace_purchase: components["schemas"]["MarketplacePurchase"];
            previous_marketplace_purchase?: components["schemas"]["MarketplacePurchase"];
        };
        MarketplacePurchase: {
            account: components["schemas"]["MarketplaceAccount"];
            /** @description `monthly` or `yearly`; null when a free GitHub account buys a free plan. */
            billing_cycle?: string | null;
            /** @description Units (seats) bought; 0 in cancellations, null in older deliveries. */
            unit_count?: number | null;
            on_free_trial?: boolean | null;
            /** @description End of the free trial (ISO 8601). */
            free_trial_ends_on?: string | null;
            /** @description Start of the next billing cycle; null during trials and for free plans. */
            next_billing_date?: string | null;
            plan: components["schemas"]["MarketplacePlan"];
        };
        MarketplaceAccount: {
            /** @description The GitHub account id (user or organization); the subscription key. Logins can change. */
            id: number;
            /** @description `User` or `Organization`. */
            type?: string;
            login?: string;
            node_id?: string;
            organization_billing_email?: string | null;
        };
        MarketplacePlan: {
            /** @description The listing plan id, unique across the Marketplace. */
            id: number;
            name?: string;
            description?: string;
            monthly_price_in_cents?: number | null;
            yearly_price_in_cents?: number | null;
            /** @description `FREE`, `FLAT_RATE` or `PER_UNIT`, in any casing and with `-` or `_`; normalized on receipt. */
            price_model?: string | null;
            has_free_trial?: boolean | null;
            unit_name?: string | null;
            bullets?: (string | null)[] | null;
        };
        /** @description The person who took the action (a user even when the account is an organization). */
        Sender: {
            id?: number;
            login?: string;
        };
        PingEvent: {
            zen?: string;
            hook_id?: number;
            hook?: Record<string, never>;
        };
        /** @description RFC 9457 problem details. */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail?: string;
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
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    receiveGithubMarketplaceDelivery: {
        parameters: {
            query?: never;
            header: {
                /** @description The event name, `marketplace_purchase` or `ping` for a listing webhook. */
                "X-GitHub-Event": string;
                /** @description GUID of the delivery; the same on a redelivery, so it is the dedupe key. */
                "X-GitHub-Delivery": string;
                /** @description `sha256=` followed by the hex HMAC-SHA256 of the raw body. */
                "X-Hub-Signature-256": string;
                /** @description Id of the webhook that sent the delivery. */
                "X-GitHub-Hook-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /**
         * @description The event payload: JSON, or a form with the JSON in its `payload` field. Its shape depends on
         *     `X-GitHub-Event`; `marketplace_purchase` payloads are described under `webhooks`.
         */
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeliveryBody"];
                "application/x-www-form-urlencoded": components["schemas"]["FormEncodedDelivery"];
            };
        };
        responses: {
            /** @description Stored without effect (`ignored`), recognised as a redelivery (`duplicate`), or a conflicting redelivery kept unapplied (`conflict`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "deliveryId": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
                     *       "event": "ping",
                     *       "status": "ignored"
                     *     }
                     */
                    "application/json": components["schemas"]["DeliveryReceipt"];
                };
            };
            /** @description Stored; the apply workers apply it to the subscription right after (and retry on failure). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "deliveryId": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
                     *       "event": "marketplace_purchase.purchased",
                     *       "status": "queued"
                     *     }
                     */
                    "application/json": components["schemas"]["DeliveryReceipt"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    marketplacePurchasePurchased: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarketplacePurchaseEvent"];
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing what cannot be done without. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    marketplacePurchaseChanged: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarketplacePurchaseEvent"];
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing what cannot be done without. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    marketplacePurchasePendingChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarketplacePurchaseEvent"];
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing what cannot be done without. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    marketplacePurchasePendingChangeCancelled: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarketplacePurchaseEvent"];
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing what cannot be done without. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    marketplacePurchaseCancelled: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarketplacePurchaseEvent"];
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing what cannot be done without. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ping: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PingEvent"];
            };
        };
        responses: {
            /** @description Acknowledged. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not JSON. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
