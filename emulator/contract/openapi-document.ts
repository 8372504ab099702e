import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { repoRoot } from "./recorder";

/**
 * PostHog's OpenAPI document (the subset in `../shared/contract/posthog-openapi-subset.json`, see SOURCE.md):
 * loading it, matching a concrete request path to its operation, and validating bodies against its
 * schemas with ajv.
 *
 * The document is OpenAPI 3.0.3, whose schema dialect is not JSON Schema: `nullable` has to be turned into
 * a `null` type (ajv's own `nullable` support refuses a `nullable` without a sibling `type`, as in
 * `{allOf: [...], nullable: true}`), `$ref`s point at `#/components/schemas`, and the generator added
 * `example` keys. `toJsonSchema` does that translation; nothing in here changes what the document says.
 * Corrections of the document's known mistakes live in `openapi-overrides.ts` only.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const HTTP_METHODS: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export type OpenApiSchema = Record<string, unknown>;
export type JsonSchema = Record<string, unknown> | boolean;

export interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: OpenApiSchema }>;
}

export interface OpenApiOperation {
  operationId: string;
  deprecated?: boolean;
  responses: Record<string, OpenApiResponse>;
  security?: Array<Record<string, string[]>>;
  [key: string]: unknown;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<Lowercase<HttpMethod>, OpenApiOperation>>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

/** Which URL family an operation belongs to. */
export type OperationScope = "organizations" | "projects" | "environments";

export interface OperationInfo {
  method: HttpMethod;
  pathTemplate: string;
  operationId: string;
  /**
   * The operationId with its family-specific decorations removed, shared by the organization, project and
   * environment variants of one action: `batch_exports_pause_create_2` and
   * `environments_batch_exports_pause_create` both become `batch_exports_pause_create`.
   */
  actionKey: string;
  scope: OperationScope;
  deprecated: boolean;
  operation: OpenApiOperation;
  /** Statuses the document declares, in ascending order. */
  declaredStatuses: number[];
}

/** What the document says about one status of one operation. */
export type DeclaredResponse =
  | { declared: false }
  /** `schema` is null when the status is declared with no JSON body ("No response body", or just `{}`). */
  | { declared: true; schema: OpenApiSchema | null };

export interface OperationMatch extends OperationInfo {
  params: Record<string, string>;
  query: URLSearchParams;
  responseSchema(status: number): DeclaredResponse;
}

export const OPENAPI_SUBSET_ENV = "POSTHOG_OPENAPI_SUBSET";

/** Where the subset is looked for: `$POSTHOG_OPENAPI_SUBSET`, then `../shared/contract/` beside the repo. */
export function openApiDocumentCandidates(): string[] {
  const candidates: string[] = [];
  const override = process.env[OPENAPI_SUBSET_ENV];
  if (override) candidates.push(path.resolve(override));
  const root = repoRoot();
  candidates.push(path.resolve(root, "../shared/contract/posthog-openapi-subset.json"));
  candidates.push(path.resolve(root, "shared/contract/posthog-openapi-subset.json"));
  return candidates;
}

export function openApiDocumentPath(): string {
  const candidates = openApiDocumentCandidates();
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(
      `posthog-openapi-subset.json not found. Looked in:\n  ${candidates.join("\n  ")}\n` +
        `Set ${OPENAPI_SUBSET_ENV} to its location.`,
    );
  }
  return found;
}

let cachedDocument: OpenApiDocument | undefined;
let cachedOperations: OperationInfo[] | undefined;

export function loadOpenApiDocument(): OpenApiDocument {
  if (!cachedDocument) {
    const file = openApiDocumentPath();
    const parsed = JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
    if (typeof parsed.openapi !== "string" || !parsed.openapi.startsWith("3.0")) {
      throw new Error(`${file}: expected an OpenAPI 3.0 document, got openapi=${String(parsed.openapi)}`);
    }
    cachedDocument = parsed;
  }
  return cachedDocument;
}

export function actionKeyOf(operationId: string): string {
  return operationId.replace(/^environments_(?=batch_exports_)/, "").replace(/_\d+$/, "");
}

function scopeOf(pathTemplate: string): OperationScope {
  if (pathTemplate.startsWith("/api/projects/")) return "projects";
  if (pathTemplate.startsWith("/api/environments/")) return "environments";
  return "organizations";
}

/** Every operation in the document, in document order. */
export function listOperations(): OperationInfo[] {
  if (!cachedOperations) {
    const doc = loadOpenApiDocument();
    const out: OperationInfo[] = [];
    for (const [pathTemplate, item] of Object.entries(doc.paths)) {
      for (const method of HTTP_METHODS) {
        const operation = item[method.toLowerCase() as Lowercase<HttpMethod>];
        if (!operation) continue;
        out.push({
          method,
          pathTemplate,
          operationId: operation.operationId,
          actionKey: actionKeyOf(operation.operationId),
          scope: scopeOf(pathTemplate),
          deprecated: operation.deprecated === true,
          operation,
          declaredStatuses: Object.keys(operation.responses)
            .map(Number)
            .filter(Number.isInteger)
            .sort((a, b) => a - b),
        });
      }
    }
    cachedOperations = out;
  }
  return cachedOperations;
}

/** Splits a concrete request path (absolute URL, path, or path + query) into its pathname segments and query. */
export function splitConcretePath(concretePath: string): { segments: string[]; query: URLSearchParams } {
  const url = new URL(concretePath, "http://emulator.invalid");
  return { segments: url.pathname.split("/").filter((s) => s.length > 0), query: url.searchParams };
}

function templateSegments(template: string): string[] {
  return template.split("/").filter((s) => s.length > 0);
}

/**
 * The path template a concrete path belongs to, whatever the method. The trailing slash is optional
 * (Django's `trailing_slash = r"/?"`), the query string is ignored, and a `{param}` matches any one
 * segment, so `@current` is accepted wherever an id is. When several templates match (`.../test/` also
 * fits `.../{id}/`), the one with the most literal segments wins, as in PostHog's router.
 */
export function matchPathTemplate(concretePath: string): { pathTemplate: string; params: Record<string, string> } | null {
  const { segments } = splitConcretePath(concretePath);
  let best: { pathTemplate: string; params: Record<string, string>; literals: number } | null = null;
  for (const pathTemplate of Object.keys(loadOpenApiDocument().paths)) {
    const parts = templateSegments(pathTemplate);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const part = parts[i]!;
      const seg = segments[i]!;
      const param = /^\{(.+)\}$/.exec(part);
      if (param) {
        params[param[1]!] = safeDecode(seg);
      } else if (part === seg) {
        literals++;
      } else {
        ok = false;
      }
    }
    if (ok && (!best || literals > best.literals)) best = { pathTemplate, params, literals };
  }
  return best && { pathTemplate: best.pathTemplate, params: best.params };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The operation a request hits, or null when the path is not in the document or the method is not declared on it. */
export function matchOperation(method: string, concretePath: string): OperationMatch | null {
  const template = matchPathTemplate(concretePath);
  if (!template) return null;
  const upper = method.toUpperCase();
  const info = listOperations().find((op) => op.pathTemplate === template.pathTemplate && op.method === upper);
  if (!info) return null;
  const { query } = splitConcretePath(concretePath);
  return {
    ...info,
    params: template.params,
    query,
    responseSchema(status: number): DeclaredResponse {
      const response = info.operation.responses[String(status)];
      if (!response) return { declared: false };
      const schema = response.content?.["application/json"]?.schema;
      return { declared: true, schema: schema && Object.keys(schema).length > 0 ? schema : null };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// OpenAPI 3.0 schema -> JSON Schema (draft-07, as ajv's default `Ajv` class speaks it)

/** `$id` under which the converted component schemas are registered with ajv. */
export const DEFINITIONS_ID = "posthog-openapi-subset.json";

/** Keywords OpenAPI adds to its schema objects that are annotations only (or generator noise). */
const OPENAPI_ANNOTATIONS = ["example", "xml", "externalDocs", "style", "explode"] as const;

export interface ConversionOptions {
  /**
   * Response mode (the default): a property marked `writeOnly` must not appear in a response body, so it
   * becomes the `false` schema and is dropped from `required`. PostHog never echoes write-only fields
   * (e.g. `destination.integration_id`), so an emulator that does is wrong.
   */
  forResponses?: boolean;
}

/** Converts one OpenAPI 3.0 schema object (recursively) to JSON Schema. `$ref`s point into `DEFINITIONS_ID`. */
export function toJsonSchema(schema: unknown, options: ConversionOptions = {}): JsonSchema {
  if (typeof schema === "boolean") return schema;
  if (!isObject(schema)) throw new Error(`Not a schema object: ${JSON.stringify(schema)}`);
  const forResponses = options.forResponses ?? true;

  if (typeof schema.$ref === "string") {
    // OpenAPI 3.0: siblings of $ref are ignored.
    return { $ref: rewriteRef(schema.$ref) };
  }

  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if ((OPENAPI_ANNOTATIONS as readonly string[]).includes(key) || key === "nullable") continue;
    switch (key) {
      case "properties": {
        const props: Record<string, JsonSchema> = {};
        const writeOnly: string[] = [];
        for (const [name, sub] of Object.entries(value as Record<string, unknown>)) {
          if (forResponses && isObject(sub) && sub.writeOnly === true) {
            props[name] = false;
            writeOnly.push(name);
          } else {
            props[name] = toJsonSchema(sub, options);
          }
        }
        out.properties = props;
        if (writeOnly.length && Array.isArray(schema.required)) {
          out.required = (schema.required as string[]).filter((r) => !writeOnly.includes(r));
        }
        break;
      }
      case "required":
        if (!("required" in out)) out.required = value;
        break;
      case "items":
      case "not":
        out[key] = toJsonSchema(value, options);
        break;
      case "additionalProperties":
        out[key] = typeof value === "boolean" ? value : toJsonSchema(value, options);
        break;
      case "allOf":
      case "anyOf":
      case "oneOf":
        out[key] = (value as unknown[]).map((s) => toJsonSchema(s, options));
        break;
      default:
        out[key] = value;
    }
  }

  if (schema.nullable === true) return makeNullable(out);
  return out;
}

/** JSON Schema equivalent of OpenAPI's `nullable: true` on an already converted schema. */
export function makeNullable(schema: Record<string, unknown>): Record<string, unknown> {
  const out = { ...schema };
  if (typeof out.type === "string" || Array.isArray(out.type)) {
    const types = Array.isArray(out.type) ? [...(out.type as string[])] : [out.type as string];
    if (!types.includes("null")) types.push("null");
    out.type = types;
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  // No `type` (e.g. `{allOf: [{$ref}], nullable: true}`): null, or whatever the rest allows.
  const annotations: Record<string, unknown> = {};
  for (const key of ["description", "readOnly", "writeOnly", "title", "default", "deprecated"]) {
    if (key in out) {
      annotations[key] = out[key];
      delete out[key];
    }
  }
  return { ...annotations, anyOf: [out, { type: "null" }] };
}

function rewriteRef(ref: string): string {
  const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
  if (!m) throw new Error(`Unsupported $ref ${ref}: only #/components/schemas/* is expected in the subset`);
  return `${DEFINITIONS_ID}#/definitions/${m[1]}`;
}

/** All component schemas of the document, converted. */
export function convertComponentSchemas(
  schemas: Record<string, OpenApiSchema> = loadOpenApiDocument().components.schemas,
  options: ConversionOptions = {},
): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(schemas)) out[name] = toJsonSchema(schema, options);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Validation

// ajv-formats is CommonJS with `exports.default`; under some interop settings the default import is the
// module object itself.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

export interface SchemaValidator {
  /** Validates `body` against an OpenAPI schema object (typically `{$ref: "#/components/schemas/X"}`). Returns readable errors, empty when valid. */
  validateOpenApi(schema: OpenApiSchema, body: unknown): string[];
  /** Validates `body` against a named component schema. */
  validateComponent(name: string, body: unknown): string[];
  /** The converted component schemas this validator resolves `$ref`s against. */
  readonly definitions: Readonly<Record<string, JsonSchema>>;
}

/** An ajv instance over a set of converted component schemas (the raw document's, or the overridden ones). */
export function createSchemaValidator(definitions: Record<string, JsonSchema>): SchemaValidator {
  const ajv = new Ajv({
    allErrors: true,
    strictSchema: true,
    strictNumbers: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  // Annotations OpenAPI allows in schema objects; toJsonSchema strips them, this is a safety net.
  ajv.addVocabulary([...OPENAPI_ANNOTATIONS]);
  ajv.addSchema({ $id: DEFINITIONS_ID, definitions });

  const compiled = new Map<string, ValidateFunction>();
  const run = (jsonSchema: JsonSchema, body: unknown): string[] => {
    const key = JSON.stringify(jsonSchema);
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(typeof jsonSchema === "boolean" ? jsonSchema : { ...jsonSchema });
      compiled.set(key, validate);
    }
    return validate(body) ? [] : formatAjvErrors(validate.errors ?? []);
  };

  return {
    definitions,
    validateOpenApi: (schema, body) => run(toJsonSchema(schema), body),
    validateComponent: (name, body) => {
      if (!(name in definitions)) throw new Error(`Unknown component schema ${name}`);
      return run({ $ref: `${DEFINITIONS_ID}#/definitions/${name}` }, body);
    },
  };
}

let rawValidator: SchemaValidator | undefined;

/** A validator over the document exactly as published (after the dialect translation only). */
export function rawDocumentValidator(): SchemaValidator {
  rawValidator ??= createSchemaValidator(convertComponentSchemas());
  return rawValidator;
}

export function formatAjvErrors(errors: readonly ErrorObject[]): string[] {
  // With anyOf (nullable without type) ajv reports every branch; keep the distinct messages.
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of errors) {
    const where = e.instancePath || "(body)";
    let message = `${where} ${e.message ?? e.keyword}`;
    if (e.keyword === "enum" && Array.isArray((e.params as { allowedValues?: unknown[] }).allowedValues)) {
      message += `: ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`;
    }
    if (e.keyword === "false schema") {
      // Only produced by toJsonSchema's write-only rule.
      message = `${where} must not be present: the document marks it writeOnly, so PostHog never returns it`;
    }
    if (e.keyword === "additionalProperties") {
      const prop = (e.params as { additionalProperty?: string }).additionalProperty;
      if (prop) message += ` (${prop})`;
    }
    if (!seen.has(message)) {
      seen.add(message);
      out.push(message);
    }
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
