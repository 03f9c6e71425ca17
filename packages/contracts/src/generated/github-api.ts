// Generated from specs/github-api.yaml by openapi-typescript. Do not edit: run `npm run generate`.

export interface paths {
    "/login/oauth/access_token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange an OAuth authorization code for a user token
         * @description Called on GITHUB_WEB_URL. With `Accept: application/json` GitHub answers 200 even when the exchange
         *     fails; the body then carries `error` (e.g. `bad_verification_code`) instead of `access_token`.
         */
        post: operations["exchangeOauthCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The user the token belongs to
         * @description Identifies the buyer after the OAuth flow; key on `id`, logins can change.
         */
        get: operations["getAuthenticatedUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/marketplace_purchases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Marketplace purchases the authenticated user can see
         * @description The active subscriptions of the user's account and of the organizations it bought for.
         */
        get: operations["listUserMarketplacePurchases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/marketplace_purchases/stubbed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sample purchases for a draft listing
         * @description Same shape as `/user/marketplace_purchases`, with GitHub's fixed sample data.
         */
        get: operations["listUserMarketplacePurchasesStubbed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orgs/{org}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Members of an organization
         * @description Called with the token of a buyer who onboarded for the organization, so its admin can choose whom the
         *     vendor gives a seat. With the `read:org` scope (OAuth App) or the organization "Members: read" permission
         *     (GitHub App user token) both concealed and public members are listed; 401 when the token expired or was
         *     revoked.
         */
        get: operations["listOrganizationMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace_listing/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every plan of the listing
         * @description Published plans, plus those in draft while the listing is a draft.
         */
        get: operations["listMarketplacePlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace_listing/stubbed/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sample plans for a draft listing
         * @description Same shape as `/marketplace_listing/plans`, with GitHub's fixed sample data.
         */
        get: operations["listMarketplacePlansStubbed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace_listing/plans/{plan_id}/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every account on a plan
         * @description Including free plans; `unit_count` is the number of seats on per-unit plans.
         */
        get: operations["listMarketplaceAccountsForPlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace_listing/stubbed/plans/{plan_id}/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sample accounts on a plan for a draft listing
         * @description Same shape as the non-stubbed endpoint, with GitHub's fixed sample data.
         */
        get: operations["listMarketplaceAccountsForPlanStubbed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace_listing/accounts/{account_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One account's subscription to the listing
         * @description 404 when the account has not purchased the listing.
         */
        get: operations["getMarketplaceAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace_listing/stubbed/accounts/{account_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One account's sample subscription for a draft listing
         * @description Same shape as the non-stubbed endpoint, with GitHub's fixed sample data.
         */
        get: operations["getMarketplaceAccountStubbed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/applications/{client_id}/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a user token issued to this app
         * @description Called with the app's Basic credentials (client id and secret) when the buyer's subscription ends.
         */
        delete: operations["revokeUserToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        OauthCodeExchange: {
            client_id: string;
            client_secret: string;
            code: string;
            redirect_uri?: string;
        };
        OauthTokenAnswer: {
            access_token?: string;
            token_type?: string;
            scope?: string;
            /** @description `bad_verification_code`, `incorrect_client_credentials`, `redirect_uri_mismatch` … */
            error?: string;
            error_description?: string;
            error_uri?: string;
        };
        TokenToRevoke: {
            access_token: string;
        };
        SimpleUser: {
            id: number;
            login: string;
            node_id?: string;
            /** @description `User` (or `Bot`). */
            type?: string;
            name?: string | null;
            email?: string | null;
        };
        MarketplaceListingPlan: {
            url?: string;
            accounts_url?: string;
            /** @description The plan id, unique across the Marketplace. */
            id: number;
            /** @description The plan number, unique within the listing (used in upgrade URLs). */
            number?: number;
            name?: string;
            description?: string;
            monthly_price_in_cents?: number | null;
            yearly_price_in_cents?: number | null;
            /** @description `FREE`, `FLAT_RATE` or `PER_UNIT`, in any casing and with `-` or `_`. */
            price_model?: string | null;
            has_free_trial?: boolean | null;
            unit_name?: string | null;
            /** @description `published` or `draft`. */
            state?: string;
            bullets?: (string | null)[] | null;
        };
        MarketplaceAccount: {
            url?: string;
            id: number;
            /** @description `User` or `Organization`. */
            type?: string;
            node_id?: string;
            login?: string;
            email?: string | null;
            organization_billing_email?: string | null;
        };
        UserMarketplacePurchase: {
            billing_cycle?: string | null;
            next_billing_date?: string | null;
            unit_count?: number | null;
            on_free_trial?: boolean | null;
            free_trial_ends_on?: string | null;
            updated_at?: string | null;
            account: components["schemas"]["MarketplaceAccount"];
            plan: components["schemas"]["MarketplaceListingPlan"];
        };
        /** @description An account on a plan; unlike webhooks, the account's fields are at the top level. */
        MarketplacePurchaseAccount: {
            url?: string;
            type?: string;
            id: number;
            login?: string;
            organization_billing_email?: string | null;
            email?: string | null;
            marketplace_pending_change?: null | components["schemas"]["MarketplacePendingChange"];
            marketplace_purchase: components["schemas"]["MarketplacePurchaseState"];
        };
        /** @description A change that takes effect at the end of the billing cycle (downgrade or cancellation). */
        MarketplacePendingChange: {
            is_installed?: boolean;
            effective_date?: string;
            unit_count?: number | null;
            id?: number;
            plan?: components["schemas"]["MarketplaceListingPlan"];
        };
        MarketplacePurchaseState: {
            billing_cycle?: string | null;
            next_billing_date?: string | null;
            is_installed?: boolean | null;
            unit_count?: number | null;
            on_free_trial?: boolean | null;
            free_trial_ends_on?: string | null;
            updated_at?: string | null;
            plan: components["schemas"]["MarketplaceListingPlan"];
        };
        BasicError: {
            message?: string;
            documentation_url?: string;
            url?: string;
            status?: string;
        };
    };
    responses: {
        /** @description GitHub's error body. */
        BasicError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["BasicError"];
            };
        };
        /** @description One page of purchases; `Link` points at the next one. */
        UserPurchases: {
            headers: {
                Link: components["headers"]["Link"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["UserMarketplacePurchase"][];
            };
        };
        /** @description One page of plans; `Link` points at the next one. */
        Plans: {
            headers: {
                Link: components["headers"]["Link"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["MarketplaceListingPlan"][];
            };
        };
        /** @description One page of accounts; `Link` points at the next one. */
        Accounts: {
            headers: {
                Link: components["headers"]["Link"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["MarketplacePurchaseAccount"][];
            };
        };
        /** @description The account and its subscription. */
        Account: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["MarketplacePurchaseAccount"];
            };
        };
    };
    parameters: {
        /** @description Results per page (at most 100). */
        PerPage: number;
        /** @description Page number, from 1. */
        Page: number;
        /** @description The listing plan id. */
        PlanId: number;
        /** @description The GitHub account id (user or organization). */
        AccountId: number;
        /** @description Sort by creation or last update. */
        Sort: "created" | "updated";
        /** @description Sort direction; ignored without `sort`. */
        Direction: "asc" | "desc";
    };
    requestBodies: never;
    headers: {
        /** @description RFC 8288 links to the `next`, `last`, `first` and `prev` pages. */
        Link: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    exchangeOauthCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OauthCodeExchange"];
            };
        };
        responses: {
            /** @description A token, or an `error` explaining why there is none. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OauthTokenAnswer"];
                };
            };
            404: components["responses"]["BasicError"];
        };
    };
    getAuthenticatedUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The authenticated user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimpleUser"];
                };
            };
            401: components["responses"]["BasicError"];
            403: components["responses"]["BasicError"];
        };
    };
    listUserMarketplacePurchases: {
        parameters: {
            query?: {
                /** @description Results per page (at most 100). */
                per_page?: components["parameters"]["PerPage"];
                /** @description Page number, from 1. */
                page?: components["parameters"]["Page"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["UserPurchases"];
            401: components["responses"]["BasicError"];
            404: components["responses"]["BasicError"];
        };
    };
    listUserMarketplacePurchasesStubbed: {
        parameters: {
            query?: {
                /** @description Results per page (at most 100). */
                per_page?: components["parameters"]["PerPage"];
                /** @description Page number, from 1. */
                page?: components["parameters"]["Page"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["UserPurchases"];
            401: components["responses"]["BasicError"];
        };
    };
    listOrganizationMembers: {
        parameters: {
            query?: {
                /** @description Results per page (at most 100). */
                per_page?: components["parameters"]["PerPage"];
                /** @description Page number, from 1. */
                page?: components["parameters"]["Page"];
            };
            header?: never;
            path: {
                /** @description The organization's login (case-insensitive). */
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of members; `Link` points at the next one. */
            200: {
                headers: {
                    Link: components["headers"]["Link"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimpleUser"][];
                };
            };
            /** @description The requester is not a member; GitHub redirects to the public members list. */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["BasicError"];
            403: components["responses"]["BasicError"];
            404: components["responses"]["BasicError"];
            422: components["responses"]["BasicError"];
        };
    };
    listMarketplacePlans: {
        parameters: {
            query?: {
                /** @description Results per page (at most 100). */
                per_page?: components["parameters"]["PerPage"];
                /** @description Page number, from 1. */
                page?: components["parameters"]["Page"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Plans"];
            401: components["responses"]["BasicError"];
            404: components["responses"]["BasicError"];
        };
    };
    listMarketplacePlansStubbed: {
        parameters: {
            query?: {
                /** @description Results per page (at most 100). */
                per_page?: components["parameters"]["PerPage"];
                /** @description Page number, from 1. */
                page?: components["parameters"]["Page"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Plans"];
            401: components["responses"]["BasicError"];
        };
    };
    listMarketplaceAccountsForPlan: {
        parameters: {
            query?: {
                /** @description Sort by creation or last update. */
                sort?: components["parameters"]["Sort"];
                /** @description Sort direction; ignored without `sort`. */
                direction?: components["parameters"]["Direction"];
                /** @description Results per page (at most 100). */
                per_page?: components["parameters"]["PerPage"];
                /** @description Page number, from 1. */
                page?: components["parameters"]["Page"];
            };
            header?: never;
            path: {
                /** @description The listing plan id. */
                plan_id: components["parameters"]["PlanId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Accounts"];
            401: components["responses"]["BasicError"];
            404: components["responses"]["BasicError"];
            422: components["responses"]["BasicError"];
        };
    };
    listMarketplaceAccountsForPlanStubbed: {
        parameters: {
            query?: {
                /** @description Sort by creation or last update. */
                sort?: components["parameters"]["Sort"];
                /** @description Sort direction; ignored without `sort`. */
                direction?: components["parameters"]["Direction"];
                /** @description Results per page (at most 100). */
                per_page?: components["parameters"]["PerPage"];
                /** @description Page number, from 1. */
                page?: components["parameters"]["Page"];
            };
            header?: never;
            path: {
                /** @description The listing plan id. */
                plan_id: components["parameters"]["PlanId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Accounts"];
            401: components["responses"]["BasicError"];
        };
    };
    getMarketplaceAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The GitHub account id (user or organization). */
                account_id: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Account"];
            401: components["responses"]["BasicError"];
            404: components["responses"]["BasicError"];
        };
    };
    getMarketplaceAccountStubbed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The GitHub account id (user or organization). */
                account_id: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Account"];
            401: components["responses"]["BasicError"];
            404: components["responses"]["BasicError"];
        };
    };
    revokeUserToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The OAuth App's or GitHub App's client id. */
                client_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenToRevoke"];
            };
        };
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["BasicError"];
            422: components["responses"]["BasicError"];
        };
    };
}
