import { GithubApiError, type GithubUserApi } from "../github/github-api.js";
import type { GithubUserDirectory } from "./github-user-directory.js";

export interface OrganizationMember {
  id: string;
  login: string;
  type: string | null;
}

/**
 * Why the members cannot be listed with what we hold: no buyer's token (never onboarded, or revoked after the
 * subscription ended), GitHub refused every token (401: expired or revoked by the user), or GitHub refused the
 * listing (403: the token lacks `read:org`, or the organization restricts the app).
 */
export type SignInReason = "no_token" | "token_expired" | "access_denied";

export type MembersOutcome =
  | { kind: "members"; accountId: string; login: string; members: OrganizationMember[] }
  | { kind: "sign_in_required"; reason: SignInReason }
  | { kind: "not_an_organization" };

export interface OrganizationMembersDeps {
  github: Pick<GithubUserApi, "listOrganizationMembers">;
  users: Pick<GithubUserDirectory, "buyersOf">;
  tokens: { open(sealed: string): string };
}

/**
 * Lists an organization's members with the token of a buyer who onboarded for it, latest onboarding first;
 * a token GitHub answers 401 for is skipped for the next buyer's. Other GitHub errors propagate.
 */
export async function listOrganizationMembers(
  deps: OrganizationMembersDeps,
  accountId: string,
): Promise<MembersOutcome> {
  const buyers = await deps.users.buyersOf(accountId);
  if (buyers.some(({ account }) => account.type !== null && account.type !== "Organization")) {
    return { kind: "not_an_organization" };
  }
  let reason: SignInReason = "no_token";
  for (const { user, account } of buyers) {
    if (user.sealedToken === null || account.login === null) {
      continue;
    }
    try {
      const members = await deps.github.listOrganizationMembers(
        deps.tokens.open(user.sealedToken),
        account.login,
      );
      return {
        kind: "members",
        accountId,
        login: account.login,
        members: members.map((member) => ({
          id: String(member.id),
          login: member.login,
          type: member.type ?? null,
        })),
      };
    } catch (error) {
      if (!(error instanceof GithubApiError) || error.kind !== "unauthorized") {
        throw error;
      }
      // 401: this token is dead, another buyer's may work; 403: the token works but may not read the members.
      if (error.status === 403) {
        reason = "access_denied";
      } else if (reason !== "access_denied") {
        reason = "token_expired";
      }
    }
  }
  return { kind: "sign_in_required", reason };
}
