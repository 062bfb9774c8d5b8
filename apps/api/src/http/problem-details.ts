/** RFC 9457 Problem Details, with Handoff's `code` (and `errors` for invalid input) as extension members. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://handoff.dev/problems/';

/** A stable, dereferenceable-looking type URI per code: `PARCEL.NOT_HOLDER` → `.../parcel-not-holder`. */
export const problemType = (code: string): string => TYPE_BASE + code.toLowerCase().replace(/[^a-z0-9]+/g, '-');
