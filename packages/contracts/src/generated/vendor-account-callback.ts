// Generated from specs/vendor-account-callback.yaml by openapi-typescript. Do not edit: run `npm run generate`.

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify credentials or look up an account
         * @description `verify` answers `verified` with the vendor's account id and whether the vendor bills it itself, or
         *     `invalid_credentials`. `lookup` answers `found` (with the account id and, if known, the field that
         *     matched) or `not_found`.
         */
        post: operations["vendorAccountCallback"];
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
        CallbackRequest: {
            /** @enum {string} */
            action: "verify" | "lookup";
            /** @description The Evotor user id the request is about. */
            userId: string;
            /** @description Only on verify, when entered. */
            username?: string;
            /** @description Only on verify, when entered. Never logged by billing-api. */
            password?: string;
            /** @description The other developer-defined fields of Evotor's form, as strings. */
            fields: {
                [key: string]: string;
            };
        };
        /** @description `verified` and `found` must carry `accountId` (checked by billing-api). */
        CallbackResponse: {
            /** @enum {string} */
            result: "verified" | "invalid_credentials" | "found" | "not_found";
            /** @description The vendor's account id (with `verified` and `found`). */
            accountId?: string;
            /** @description With `verified`; true when the vendor bills this account itself. */
            hasBilling?: boolean;
            /** @description With `found`; the field whose value matched. */
            field?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    vendorAccountCallback: {
        parameters: {
            query?: never;
            header: {
                /** @description Unix time in seconds when the request was signed. */
                "X-Billing-Timestamp": string;
                /** @description `sha256=` + hex HMAC-SHA256(secret, `<timestamp>.<raw body>`). */
                "X-Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CallbackRequest"];
            };
        };
        responses: {
            /** @description The answer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackResponse"];
                };
            };
            /** @description The signature is missing, wrong or too old. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
