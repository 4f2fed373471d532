/**
 * Rules the code itself must keep, checked over the source so nothing slips in later:
 *
 * - no HTML from data: no `v-html`, `innerHTML` and the like anywhere in the renderer, and a chart
 *   tooltip with its own formatter renders rich text, never HTML (names come from files);
 * - one CSV/TSV writer: text joined with `,`, `;` or a tab outside models/io/delimitedText.ts is an
 *   export that skips its quoting and formula neutralising (OWASP CSV injection);
 * - one file writer: every file the app and the CLI write goes through electron/atomicWrite.ts;
 * - one JSON reader for files: `JSON.parse` only inside models/io/safeJson.ts (limits, prototype keys).
 *
 * Each rule lists the exceptions it allows, with the reason, and is shown to catch a violation.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Source files (not tests) under `folders`, as paths relative to the repository. */
function sources(folders: readonly string[], extensions = /\.(ts|vue|mjs)$/): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(root, relative))) {
      const child = path.posix.join(relative, name);
      if (statSync(path.join(root, child)).isDirectory()) walk(child);
      else if (extensions.test(name) && !/\.test\.ts$|\.spec\.ts$/.test(name)) found.push(child);
    }
  };
  for (const folder of folders) walk(folder);
  return found;
}

interface Rule {
  readonly pattern: RegExp;
  readonly folders: readonly string[];
  /** Files allowed to match, each with why. */
  readonly allowed: Readonly<Record<string, string>>;
  /** Only files whose text matches this can break the rule (default: every file). */
  readonly onlyIn?: RegExp;
  /** A matching line is allowed when it (or the line above) matches this, e.g. a stated reason. */
  readonly unless?: RegExp;
}

function violations(rule: Rule, files = sources(rule.folders)): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (file in rule.allowed || /(^|\/)testing\//.test(file)) continue;
    const text = readFileSync(path.join(root, file), 'utf8');
    if (rule.onlyIn && !rule.onlyIn.test(text)) continue;
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      if (!rule.pattern.test(line)) return;
      if (rule.unless && (rule.unless.test(line) || rule.unless.test(lines[index - 1] ?? '')))
        return;
      found.push(`${file}:${index + 1}: ${line.trim()}`);
    });
  }
  return found;
}

const HTML_SINKS: Rule = {
  pattern: /v-html|\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write|DOMParser|srcdoc/,
  folders: ['renderer'],
  allowed: {},
};

const DELIMITED_JOIN: Rule = {
  pattern: /\.join\(\s*(['"`])(,|;|\\t)\1\s*\)/,
  folders: ['renderer', 'cli', 'electron', 'models'],
  // Files that build text of lines, or speak of CSV/TSV: a comma-joined flag value (`--channels
  // tv,search`) elsewhere is not an export. A line marked `not CSV: <why>` is allowed.
  onlyIn:
    /join\(\s*['"`](\\r)?\\n['"`]\s*\)|text\/csv|tab-separated|\.csv\b|\.tsv\b|\bCSV\b|\bTSV\b/,
  unless: /not CSV:/,
  allowed: {
    'models/io/delimitedText.ts': 'the one writer: quotes and neutralises every cell',
    'models/plan/reproduce.ts': 'command-line flag values (`--channels tv,search`), not an export',
  },
};

const FILE_WRITES: Rule = {
  pattern: /\b(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|copyFile)\s*\(/,
  folders: ['electron', 'cli'],
  allowed: {
    'electron/atomicWrite.ts': 'the one writer: temporary file, fsync, rename',
    'cli/bin/mmm.mjs': 'the launcher writes nothing; listed should it ever',
  },
};

const JSON_PARSE: Rule = {
  pattern: /\bJSON\.parse\s*\(/,
  folders: ['renderer', 'cli', 'electron', 'models'],
  // A deep copy of our own value, or a line that says why (`own JSON: <why>`), is not a file read.
  unless: /JSON\.parse\(\s*JSON\.stringify\(|own JSON:/,
  allowed: {
    'models/io/safeJson.ts': 'the one reader: size, depth, lengths, finite numbers, prototype keys',
    'models/plan/hostilePlans.ts': "the hostile plan corpus's builder, parsing our own valid plan",
    'renderer/platform/recentFiles.ts':
      'browser mode: our own list in localStorage, validated by its schema, never a file',
  },
};

describe('codebase rules', () => {
  it('renders no HTML from data: no v-html, innerHTML, document.write … in the renderer', () => {
    expect(violations(HTML_SINKS)).toEqual([]);
  });

  it('chart tooltips with their own formatter render rich text, not HTML', () => {
    const unsafe: string[] = [];
    for (const file of sources(['renderer/charts'], /\.ts$/)) {
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const match of text.matchAll(/tooltip:\s*\{/g)) {
        const body = balancedBraces(text, (match.index ?? 0) + match[0].length - 1);
        if (/formatter/.test(body) && !/renderMode:\s*'richText'/.test(body))
          unsafe.push(`${file}: ${body.slice(0, 80).replace(/\s+/g, ' ')}…`);
      }
    }
    expect(unsafe).toEqual([]);
  });

  it('writes CSV and TSV only through models/io/delimitedText.ts', () => {
    expect(violations(DELIMITED_JOIN)).toEqual([]);
  });

  it('writes files only through electron/atomicWrite.ts (app and CLI)', () => {
    expect(violations(FILE_WRITES)).toEqual([]);
  });

  it('parses JSON only through models/io/safeJson.ts', () => {
    expect(violations(JSON_PARSE)).toEqual([]);
  });

  it('each rule catches what it forbids (checked on a sample of each)', () => {
    const probe = (rule: Rule, line: string) => rule.pattern.test(line);
    expect(probe(HTML_SINKS, '<div v-html="name" />')).toBe(true);
    expect(probe(HTML_SINKS, 'element.innerHTML = text;')).toBe(true);
    expect(probe(DELIMITED_JOIN, "const text = rows.map((r) => r.join(',')).join('\\n');")).toBe(
      true,
    );
    expect(probe(DELIMITED_JOIN, 'cells.join("\\t")')).toBe(true);
    expect(DELIMITED_JOIN.onlyIn?.test("rows.join('\\n')")).toBe(true);
    expect(JSON_PARSE.unless?.test('JSON.parse(JSON.stringify(spec))')).toBe(true);
    expect(probe(DELIMITED_JOIN, "names.join(', ')")).toBe(false); // prose and SQL lists
    expect(probe(FILE_WRITES, "await writeFile(path, 'x');")).toBe(true);
    expect(probe(JSON_PARSE, 'const value = JSON.parse(text);')).toBe(true);
  });
});

/** The text of the `{…}` block opening at `open` (strings are not special-cased: option objects). */
function balancedBraces(text: string, open: number): string {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return text.slice(open, index + 1);
  }
  return text.slice(open);
}
