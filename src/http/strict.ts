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
    const declared = declaredResponse(operation, reply.status);
    if (!declared) return [`status ${reply.status} is not declared for ${operation.operationId}`];
    const status = String(reply.status);
    const problems = missingHeaders(declared, reply);
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
    // writeReply serialises every JSON body, a string included (tsuru's API key is the JSON string "...").
    if (!validate(reply.body)) {
      for (const e of validate.errors ?? []) problems.push(`body${e.instancePath} ${e.message}`);
    }
    return problems;
  }

  /**
   * Checks a streamed reply before its first byte: a declared status, the required headers, and a
   * content type that equals a declared one exactly (stream clients compare it with ==). Returns
   * the violations and, when the stream is fine so far, a checker for its framing.
   */
  streamViolations(operation: Operation, reply: Reply): { problems: string[]; framing?: StreamFraming } {
    const declared = declaredResponse(operation, reply.status);
    if (!declared) return { problems: [`status ${reply.status} is not declared for ${operation.operationId}`] };
    const problems = missingHeaders(declared, reply);
    const type = reply.contentType ?? '';
    const media = (declared.content ?? {})[type];
    if (!media) return { problems: [...problems, `stream content type "${type}" is not exactly one declared for status ${reply.status}`] };
    const schema = media.schema as OpenAPIV3.SchemaObject | undefined;
    const lineSchema = schema?.type === 'object' || schema?.type === 'array';
    const validate = lineSchema ? this.validator(`${operation.operationId} ${reply.status} ${type} line`, schema) : undefined;
    return { problems, framing: new StreamFraming(type, validate, schema?.type === 'array') };
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

function declaredResponse(operation: Operation, statusCode: number): OpenAPIV3.ResponseObject | undefined {
  const status = String(statusCode);
  const responses = operation.responses ?? {};
  return (responses[status] ?? responses[`${status[0]}XX`] ?? responses.default) as OpenAPIV3.ResponseObject | undefined;
}

function missingHeaders(declared: OpenAPIV3.ResponseObject, reply: Reply): string[] {
  const problems: string[] = [];
  for (const [name, header] of Object.entries(declared.headers ?? {}) as [string, OpenAPIV3.HeaderObject][]) {
    const present = Object.keys(reply.headers ?? {}).some((h) => h.toLowerCase() === name.toLowerCase());
    if (header.required && !present) problems.push(`required header ${name} is missing`);
  }
  return problems;
}

/**
 * Line-delimited JSON streams: every line a JSON object (fitting the declared schema, if it is one), or
 * a JSON array where the declared line schema is an array (tsuru's app log sends a batch of entries a line).
 */
const LINE_DELIMITED = new Set(['application/x-json-stream', 'application/x-ndjson', 'application/json']);

/** Checks a stream's framing chunk by chunk, across chunk boundaries. */
export class StreamFraming {
  private pending = '';
  readonly problems: string[] = [];
  private line = 0;

  constructor(private readonly contentType: string, private readonly validate?: ValidateFunction, private readonly arrayLines = false) {}

  feed(chunk: string | Uint8Array): void {
    if (!LINE_DELIMITED.has(mediaType(this.contentType))) return;
    this.pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    let newline: number;
    while ((newline = this.pending.indexOf('\n')) >= 0) {
      this.check(this.pending.slice(0, newline));
      this.pending = this.pending.slice(newline + 1);
    }
  }

  /** The violations once the stream has ended (a last line without its newline is checked too). */
  end(): string[] {
    if (this.pending.trim() !== '') this.check(this.pending);
    this.pending = '';
    return this.problems;
  }

  private check(text: string): void {
    this.line++;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.problems.push(`stream line ${this.line} is not JSON`);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value) !== this.arrayLines) {
      this.problems.push(`stream line ${this.line} is not a JSON ${this.arrayLines ? 'array' : 'object'}`);
    } else if (this.validate && !this.validate(value)) {
      for (const e of this.validate.errors ?? []) this.problems.push(`stream line ${this.line}${e.instancePath} ${e.message}`);
    }
  }
}
