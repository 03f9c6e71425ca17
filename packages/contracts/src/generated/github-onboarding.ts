// Generated from specs/github-onboarding.yaml by openapi-typescript. Do not edit: run `npm run generate`.

export interface paths {
    "/github/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Setup URL / Installation URL of the listing
         * @description Redirects to GitHub's `/login/oauth/authorize` with a signed, short-lived, single-use `state` bound to
         *     this browser by a cookie. `marketplace_listing_plan_id` and `installation_id` are accepted but not
         *     trusted: what the buyer bought is read from GitHub with the buyer's token at the callback.
         */
        get: operations["startGithubOnboarding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/github/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * OAuth callback
         * @description Checks `state` (signature, age, browser cookie, not used before), exchanges `code` for the buyer's
         *     token (kept encrypted), reads the user and its Marketplace purchases, records which accounts belong to
         *     the user, provisions purchases GitHub's webhook has not delivered yet (source `onboarding`, reconciled
         *     with the webhook when it comes), and redirects to `PRODUCT_ONBOARDING_URL?onboarding_code=…`.
         *     Failures redirect to `PRODUCT_ONBOARDING_URL?error=<reason>` with `reason` one of `access_denied`,
         *     `invalid_state`, `expired_state`, `replayed_state`, `invalid_code`, `github_unavailable` (unreachable,
         *     5xx or still rate limited), `github_error` (GitHub refused the call or reported another OAuth error),
         *     `internal_error`.
         */
        get: operations["completeGithubOnboarding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: {
        /** @description A small HTML page saying what went wrong and what to do; never a stack trace. */
        Page: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/html": string;
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description Where the browser goes next. */
        Location: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    startGithubOnboarding: {
        parameters: {
            query?: {
                /** @description The plan the buyer chose (OAuth App installation URL); informative only. */
                marketplace_listing_plan_id?: string;
                /** @description The GitHub App installation (Setup URL); informative only, never trusted. */
                installation_id?: string;
                /** @description `install` or `update` (GitHub App Setup URL). */
                setup_action?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To GitHub's authorization page; sets the browser-binding cookie. */
            302: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Page"];
            503: components["responses"]["Page"];
        };
    };
    completeGithubOnboarding: {
        parameters: {
            query?: {
                /** @description The authorization code (absent when the buyer denied access). */
                code?: string;
                /** @description The state issued by `/github/setup`. */
                state?: string;
                /** @description Set by GitHub when authorization did not happen, e.g. `access_denied`. */
                error?: string;
                /** @description GitHub's explanation of `error`. */
                error_description?: string;
                /** @description GitHub's documentation link for `error`. */
                error_uri?: string;
                /** @description Sent when the GitHub App requests authorization during installation; not trusted. */
                installation_id?: string;
                /** @description Sent with `installation_id`. */
                setup_action?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the product with `onboarding_code`, or with `error` naming the reason. */
            302: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Page"];
            503: components["responses"]["Page"];
        };
    };
}
