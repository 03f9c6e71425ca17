import type { Response } from "express";

/** RFC 9457 problem details, the error format of every surface that has no marketplace-imposed one. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

const PROBLEM_BASE = "https://marketplace-billing.dev/problems/";

export function problem(
  status: number,
  slug: string,
  title: string,
  detail?: string,
  extra?: object,
): Problem {
  return {
    type: `${PROBLEM_BASE}${slug}`,
    title,
    status,
    ...(detail === undefined ? {} : { detail }),
    ...extra,
  };
}

export function sendProblem(res: Response, body: Problem): void {
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).json(body);
}
