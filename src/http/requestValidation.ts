import type { ErrorObject } from 'ajv';
import type { OpenAPIValidator, Operation, ParsedRequest } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';

/**
 * openapi-backend's validateRequest on a request parsed once (its own parses the request again). The
 * validators are its own, compiled once per operation, checking the same parameter object: path, query
 * (a single value of an array parameter as a one-item array), headers, cookies and the body. Its
 * parameter validator coerces values in place, so it checks copies: the handler reads what was sent.
 * Bodies reach it parsed already, so its check of a JSON string body has nothing to do here.
 */
export function requestErrors(validator: OpenAPIValidator, operation: Operation, parsed: ParsedRequest): ErrorObject[] {
  const parameters: Record<string, unknown> = {
    path: { ...parsed.params },
    query: queryCopy(operation, parsed.query as Record<string, unknown>),
    header: { ...parsed.headers },
    cookie: parsed.cookies,
  };
  if (typeof parsed.requestBody === 'object' || parsed.headers['content-type'] === 'application/json') parameters.requestBody = parsed.requestBody;
  const errors: ErrorObject[] = [];
  for (const validate of validator.getRequestValidatorsForOperation(operation.operationId!) ?? []) {
    validate(parameters);
    if (validate.errors) errors.push(...validate.errors);
  }
  return errors;
}

function queryCopy(operation: Operation, query: Record<string, unknown>): Record<string, unknown> {
  const declared = (operation.parameters ?? []) as OpenAPIV3.ParameterObject[];
  return Object.fromEntries(Object.entries(query).map(([name, value]) => {
    if (Array.isArray(value)) return [name, [...value]];
    const schema = declared.find((p) => p.in === 'query' && p.name === name)?.schema as OpenAPIV3.SchemaObject | undefined;
    return [name, typeof value === 'string' && schema?.type === 'array' ? [value] : value];
  }));
}
