import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import type { Reply } from '../../dialects/types';
import { mediaType } from './reply';

type Operation = OpenAPIV3.OperationObject & { operationId?: string };

/**
 * Strict mode: checks every reply of a routed operation against the operation's responses in the
 * (dereferenced) spec: a declared status, a declared content type, a body that fits its schema, the
 * required headers. Validators compile on first use, so start-up stays fast for large specs.
 */
export class ResponseChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
  }

  violations(operation: Operation, reply: Reply): string[] {
    const status = String(reply.status);
    const responses = operation.responses ?? {};
    const declared = (responses[status] ?? responses[`${status[0]}XX`] ?? responses.default) as OpenAPIV3.ResponseObject | undefined;
    if (!declared) return [`status ${status} is not declared for ${operation.operationId}`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries(declared.headers ?? {}) as [string, OpenAPIV3.HeaderObject][]) {
      const present = Object.keys(reply.headers ?? {}).some((h) => h.toLowerCase() === name.toLowerCase());
      if (header.required && !present) problems.push(`required header ${name} is missing`);
    }
    const content = declared.content ?? {};
    if (reply.body === undefined) {
      if (Object.keys(content).length > 0) problems.push(`status ${status} must have a body (${Object.keys(content).join(', ')})`);
      return problems;
    }
    const type = mediaType(reply.contentType ?? 'application/json');
    const media = content[type];
    if (!media) return [...problems, `content type ${type} is not declared for status ${status}`];
    if (!media.schema) return problems;
    const validate = this.validator(`${operation.operationId} ${status} ${type}`, media.schema);
    // writeReply serialises every JSON body, strings included, so the body itself is what is sent.
    if (!validate(reply.body)) {
      for (const e of validate.errors ?? []) problems.push(`body${e.instancePath} ${e.message}`);
    }
    return problems;
  }

  private validator(key: string, schema: object): ValidateFunction {
    let fn = this.cache.get(key);
    if (!fn) {
      fn = this.ajv.compile(schema);
      this.cache.set(key, fn);
    }
    return fn;
  }
}
