// Ids are checked the same way in every context: the pipe lives in @handoff/shared/http.
export { ID_PATTERN, ID_RULE, IdParam } from '@handoff/shared/http';
