/**
 * Parses JSON that someone else wrote (fit results, plan files, autosaves, mappings) within limits,
 * before any of it reaches a schema or the UI:
 *
 * - size: the text is at most `maxBytes` UTF-16 code units (checked before parsing);
 * - nesting: at most `maxDepth` open arrays/objects at any point, found by one linear scan of the
 *   text that skips string contents, so a hostile `[[[[…` never reaches `JSON.parse`'s recursion;
 * - arrays and strings: at most `maxArrayLength` elements and `maxStringLength` characters each;
 * - numbers: finite only (`1e999` parses to Infinity and is refused);
 * - prototype keys: `__proto__`, `constructor` and `prototype` are dropped wherever they appear
 *   (never honoured, never copied on); how many were dropped is returned.
 *
 * Errors are `JsonLimitError`s with one sentence naming the problem and where it is (a JSON path
 * such as `$.draws.values[3]`, or a character offset for syntax errors). Pure; no DOM or Node.
 *
 * Example: `parseJsonWithLimits('{"a":[1,2]}').value` is `{ a: [1, 2] }`;
 * `parseJsonWithLimits('[[[1]]]', { maxDepth: 2 })` throws "nested deeper than 2 levels".
 */

export interface JsonLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxArrayLength: number;
  readonly maxStringLength: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 64,
  maxArrayLength: 5_000_000,
  maxStringLength: 1_000_000,
};

/** Keys that could reach an object's prototype if a consumer copied them on. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

export class JsonLimitError extends Error {
  override readonly name = 'JsonLimitError';
}

export interface SafeJsonResult {
  readonly value: unknown;
  /** How many `__proto__` / `constructor` / `prototype` keys were dropped. */
  readonly droppedPrototypeKeys: number;
}

function formatSize(units: number): string {
  return units >= 1024 * 1024
    ? `${(units / 1024 / 1024).toFixed(1)} MB`
    : `${Math.ceil(units / 1024)} KB`;
}

/** The deepest nesting of `text`, scanning once and skipping strings; stops past `limit`. */
function nestingDepth(text: string, limit: number): { depth: number; at: number } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92 /* \ */) i++;
      else if (code === 34 /* " */) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 91 /* [ */ || code === 123 /* { */) {
      depth++;
      if (depth > limit) return { depth, at: i };
    } else if (code === 93 /* ] */ || code === 125 /* } */) depth--;
  }
  return { depth: 0, at: -1 };
}

function pathOf(path: readonly (string | number)[]): string {
  return (
    '$' +
    path
      .map((part) =>
        typeof part === 'number'
          ? `[${part}]`
          : /^[A-Za-z_$][\w$]*$/.test(part)
            ? `.${part}`
            : `[${JSON.stringify(part)}]`,
      )
      .join('')
  );
}

/**
 * Walks the parsed value (recursion is safe: the depth is already bounded), checking lengths and
 * numbers and rebuilding objects without prototype keys.
 */
function sanitise(root: unknown, limits: JsonLimits): SafeJsonResult {
  let dropped = 0;
  // One mutable path, pushed and popped: building a path per element would dominate large arrays.
  const path: (string | number)[] = [];
  const check = (value: unknown): unknown => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value))
        throw new JsonLimitError(`${pathOf(path)} is not a finite number`);
      return value;
    }
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength)
        throw new JsonLimitError(
          `${pathOf(path)} is a string of ${value.length} characters (limit ${limits.maxStringLength})`,
        );
      return value;
    }
    if (value === null || typeof value === 'boolean') return value;
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayLength)
        throw new JsonLimitError(
          `${pathOf(path)} has ${value.length} elements (limit ${limits.maxArrayLength})`,
        );
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        // Numbers are most of a large file: check them inline.
        if (typeof item === 'number') {
          if (!Number.isFinite(item))
            throw new JsonLimitError(`${pathOf([...path, i])} is not a finite number`);
          continue;
        }
        path.push(i);
        value[i] = check(item);
        path.pop();
      }
      return value;
    }
    const source = value as Record<string, unknown>;
    // A null-prototype object: even a consumer that copies keys cannot reach Object.prototype.
    const clean = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      if (key.length > limits.maxStringLength)
        throw new JsonLimitError(`${pathOf(path)} has a key of ${key.length} characters`);
      if (PROTOTYPE_KEYS.has(key)) {
        dropped++;
        continue;
      }
      path.push(key);
      clean[key] = check(source[key]);
      path.pop();
    }
    // Plain prototype again for consumers (zod, structuredClone) that expect ordinary objects;
    // the prototype keys are already gone, so nothing dangerous is copied.
    return Object.assign({}, clean);
  };
  const value = check(root);
  return { value, droppedPrototypeKeys: dropped };
}

/** Parses `text` as JSON within `limits` (defaults: DEFAULT_JSON_LIMITS); see the module comment. */
export function parseJsonWithLimits(
  text: string,
  limits: Partial<JsonLimits> = {},
): SafeJsonResult {
  const resolved: JsonLimits = { ...DEFAULT_JSON_LIMITS, ...limits };
  if (typeof text !== 'string') throw new JsonLimitError('the file is not text');
  if (text.length > resolved.maxBytes)
    throw new JsonLimitError(
      `the file is ${formatSize(text.length)}, larger than the ${formatSize(resolved.maxBytes)} limit`,
    );
  if (text.trim().length === 0) throw new JsonLimitError('the file is empty');
  const deep = nestingDepth(text, resolved.maxDepth);
  if (deep.at >= 0)
    throw new JsonLimitError(
      `the JSON is nested deeper than ${resolved.maxDepth} levels (at character ${deep.at + 1})`,
    );
  let parsed: unknown;
  try {
    // JSON.parse itself defines "__proto__" as an own data property (it never sets the prototype);
    // sanitise then drops it.
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(detail);
    const atEnd = position !== null && Number(position[1]) >= text.trimEnd().length;
    throw new JsonLimitError(
      atEnd || /end of JSON input|Unterminated/i.test(detail)
        ? `the JSON ends too early: the file looks truncated (${detail})`
        : `the file is not valid JSON (${detail})`,
    );
  }
  return sanitise(parsed, resolved);
}
