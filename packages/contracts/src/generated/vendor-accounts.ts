// Generated from specs/vendor-accounts.yaml by openapi-typescript. Do not edit: run `npm run generate`.

export interface paths {
    "/admin/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List directory accounts
         * @description Every account, ordered by username.
         */
        get: operations["listVendorAccounts"];
        put?: never;
        /**
         * Create a directory account
         * @description Creates an account with a username (unique, case-insensitive) and a password.
         */
        post: operations["createVendorAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/accounts/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account id. */
                accountId: string;
            };
            cookie?: never;
        };
        /**
         * Read a directory account
         * @description The account, without its password hash.
         */
        get: operations["getVendorAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a directory account
         * @description Sets a new password, the billing flag or the fields checked on verify.
         */
        patch: operations["updateVendorAccount"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Custom fields that must also match on verify (e.g. a tax id), as strings. */
        Fields: {
            [key: string]: string;
        };
        NewVendorAccount: {
            username: string;
            password: string;
            /**
             * @description True when the vendor bills this account itself (Evotor then does not).
             * @default false
             */
            hasBilling: boolean;
            fields?: components["schemas"]["Fields"];
        };
        VendorAccountChange: {
            password?: string;
            hasBilling?: boolean;
            fields?: components["schemas"]["Fields"];
        };
        VendorAccount: {
            id: string;
            username: string;
            hasBilling: boolean;
            fields: components["schemas"]["Fields"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        VendorAccountList: {
            items: components["schemas"]["VendorAccount"][];
        };
        /** @description RFC 9457 problem details. */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
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
    listVendorAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The accounts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "6f1c2f64-5a4b-4d8e-9a55-0c1f0f6f4a11",
                     *           "username": "v.pupkin",
                     *           "hasBilling": false,
                     *           "fields": {},
                     *           "createdAt": "2026-03-01T12:00:00.000Z",
                     *           "updatedAt": "2026-03-01T12:00:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["VendorAccountList"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    createVendorAccount: {
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
                 *       "username": "v.pupkin",
                 *       "password": "superpassword",
                 *       "hasBilling": false
                 *     }
                 */
                "application/json": components["schemas"]["NewVendorAccount"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "6f1c2f64-5a4b-4d8e-9a55-0c1f0f6f4a11",
                     *       "username": "v.pupkin",
                     *       "hasBilling": false,
                     *       "fields": {},
                     *       "createdAt": "2026-03-01T12:00:00.000Z",
                     *       "updatedAt": "2026-03-01T12:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["VendorAccount"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    getVendorAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account id. */
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VendorAccount"];
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateVendorAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account id. */
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "password": "a-new-password"
                 *     }
                 */
                "application/json": components["schemas"]["VendorAccountChange"];
            };
        };
        responses: {
            /** @description The changed account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VendorAccount"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            503: components["responses"]["Unavailable"];
        };
    };
}
