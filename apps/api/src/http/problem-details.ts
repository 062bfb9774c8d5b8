import { STATUS_CODES } from 'node:http';

/** RFC 9457 Problem Details, with Handoff's `code` (and `errors` for invalid input) as extension members. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request target; absent when the request could not be read far enough to have one. */
  instance?: string;
  code: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://handoff.dev/problems/';

/** A stable, dereferenceable-looking type URI per code: `PARCEL.NOT_HOLDER` → `.../parcel-not-holder`. */
export const problemType = (code: string): string => TYPE_BASE + code.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** One problem, titled by its status; every answer Handoff gives to a failed request is built here. */
export function problemDetails(status: number, code: string, detail: string, instance?: string, extra: Record<string, unknown> = {}): ProblemDetails {
  return { type: problemType(code), title: STATUS_CODES[status] ?? 'Error', status, detail, ...(instance === undefined ? {} : { instance }), code, ...extra };
}
