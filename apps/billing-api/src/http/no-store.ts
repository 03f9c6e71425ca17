import type { RequestHandler } from "express";

/** Answers that no browser, proxy or CDN may keep: lists, histories, anything read with a credential. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader("Cache-Control", "no-store");
  next();
};
