import { diff3Merge } from 'node-diff3';

export type MergeOutcome = { clean: true; text: string } | { clean: false };

const lines = (text: string): string[] => text.split('\n');

/**
 * Three-way merge of whole lines: `base` is what rampart rendered before,
 * `ours` the file on disk (the owners' edits), `theirs` the new render.
 */
export function mergeText(base: string, ours: string, theirs: string): MergeOutcome {
  const regions = diff3Merge(lines(ours), lines(base), lines(theirs), { excludeFalseConflicts: true });
  const out: string[] = [];
  for (const region of regions) {
    if (region.conflict) {
      const resolved = insertionBesideEdit(region.conflict.a, region.conflict.o, region.conflict.b);
      if (!resolved) return { clean: false };
      out.push(...resolved);
    } else out.push(...(region.ok ?? []));
  }
  return { clean: true, text: out.join('\n') };
}

function indexOfRun(haystack: string[], needle: string[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * diff3 calls adjacent changes a conflict. When one side only added or removed
 * lines around the base (a feature inserting or dropping its wiring next to a
 * line the owners edited), both changes can be kept without guessing. Anything
 * else stays a conflict.
 */
function insertionBesideEdit(ours: string[], base: string[], theirs: string[]): string[] | undefined {
  return besideEdit(ours, base, theirs) ?? besideEdit(theirs, base, ours);
}

function besideEdit(edited: string[], base: string[], framed: string[]): string[] | undefined {
  if (base.length === 0 || framed.length === 0) return undefined;
  // `framed` added lines around the base: put the edited version in the frame.
  const at = indexOfRun(framed, base);
  if (at >= 0) return [...framed.slice(0, at), ...edited, ...framed.slice(at + base.length)];
  // `framed` removed lines around what it kept: remove the same lines from the edited version.
  const kept = indexOfRun(base, framed);
  if (kept < 0) return undefined;
  const before = base.slice(0, kept);
  const after = base.slice(kept + framed.length);
  if (edited.length < before.length + after.length) return undefined;
  const startsWith = before.every((line, i) => edited[i] === line);
  const endsWith = after.every((line, i) => edited[edited.length - after.length + i] === line);
  return startsWith && endsWith ? edited.slice(before.length, edited.length - after.length) : undefined;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: Json | undefined, b: Json | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Key-wise three-way merge of JSON objects: what rampart changed between the
 * two renders is applied to the owners' version; what the owners added or
 * changed elsewhere is kept, in their order. Where both changed one value,
 * rampart's wins (a feature's dependency must be at the version it was tested with).
 */
function mergeObjects(base: JsonObject, ours: JsonObject, theirs: JsonObject): JsonObject {
  const out: JsonObject = {};
  const keys = [...Object.keys(ours), ...Object.keys(theirs).filter((k) => !(k in ours))];
  for (const key of keys) {
    const b = base[key];
    const o = ours[key];
    const t = theirs[key];
    if (isObject(b ?? {}) && isObject(o ?? {}) && isObject(t ?? {}) && (isObject(o) || isObject(t))) {
      if (t === undefined && b !== undefined) {
        // rampart dropped the whole object; keep only what the owners added to it.
        const left = Object.fromEntries(Object.entries(o as JsonObject).filter(([k, v]) => !same((b as JsonObject)[k], v)));
        if (Object.keys(left).length) out[key] = left;
        continue;
      }
      out[key] = mergeObjects((b as JsonObject | undefined) ?? {}, (o as JsonObject | undefined) ?? {}, (t as JsonObject | undefined) ?? {});
      continue;
    }
    const value = same(b, t) ? o : t;
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const DEPENDENCY_KEYS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

export function mergePackageJson(base: string, ours: string, theirs: string): MergeOutcome {
  let parsed: [JsonObject, JsonObject, JsonObject];
  try {
    parsed = [JSON.parse(base), JSON.parse(ours), JSON.parse(theirs)] as [JsonObject, JsonObject, JsonObject];
  } catch {
    return { clean: false };
  }
  const merged = mergeObjects(...parsed);
  // npm's own order (it sorts with the 'en' collation), whatever the user's locale:
  // a bare localeCompare would follow it, e.g. put `zod` before `uuid` in Estonian.
  for (const key of DEPENDENCY_KEYS) {
    const deps = merged[key];
    if (isObject(deps)) merged[key] = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b, 'en')));
  }
  return { clean: true, text: `${JSON.stringify(merged, null, 2)}\n` };
}

/** A keyed line file (`.env.example`, `requirements.txt`): each entry is its line plus the comments just above it. */
interface Entry {
  key: string | undefined;
  text: string[];
}

function entries(text: string, keyOf: (line: string) => string | undefined): Entry[] {
  const out: Entry[] = [];
  let pending: string[] = [];
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const key = keyOf(line);
    if (key === undefined) {
      pending.push(line);
      continue;
    }
    out.push({ key, text: [...pending, line] });
    pending = [];
  }
  if (pending.length) out.push({ key: undefined, text: pending });
  return out;
}

function mergeKeyed(base: string, ours: string, theirs: string, keyOf: (line: string) => string | undefined): MergeOutcome {
  const b = new Map(entries(base, keyOf).filter((e) => e.key).map((e) => [e.key!, e.text.at(-1)!]));
  const t = new Map(entries(theirs, keyOf).filter((e) => e.key).map((e) => [e.key!, e]));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries(ours, keyOf)) {
    if (entry.key === undefined) {
      out.push(...entry.text);
      continue;
    }
    seen.add(entry.key);
    const ourLine = entry.text.at(-1)!;
    const theirEntry = t.get(entry.key);
    const baseLine = b.get(entry.key);
    if (!theirEntry) {
      // rampart no longer writes this entry: drop it unless the owners changed it.
      if (baseLine !== undefined && baseLine === ourLine) continue;
      out.push(...entry.text);
      continue;
    }
    const theirLine = theirEntry.text.at(-1)!;
    out.push(...entry.text.slice(0, -1), baseLine === theirLine ? ourLine : theirLine);
  }
  for (const entry of t.values()) {
    if (!seen.has(entry.key!) && !b.has(entry.key!)) out.push(...entry.text);
  }
  return { clean: true, text: `${out.join('\n')}\n` };
}

const envKey = (line: string): string | undefined => /^\s*([A-Z_][A-Z0-9_]*)\s*=/.exec(line)?.[1];
const requirementKey = (line: string): string | undefined =>
  /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(==|>=|<=|~=|!=|>|<|$)/.exec(line.replace(/#.*/, ''))?.[1]?.toLowerCase();

/** How each kind of file is merged; anything not listed is merged line by line. */
export function mergeFile(path: string, base: string, ours: string, theirs: string): MergeOutcome {
  const name = path.split('/').at(-1)!;
  if (name === 'package.json') return mergePackageJson(base, ours, theirs);
  if (name === '.env.example') return mergeKeyed(base, ours, theirs, envKey);
  if (/^requirements.*\.txt$/.test(name)) return mergeKeyed(base, ours, theirs, requirementKey);
  return mergeText(base, ours, theirs);
}

/** Files merged by structure: never a conflict, and the owners' entries always survive. */
export const isStructural = (path: string): boolean => /(^|\/)(package\.json|\.env\.example|requirements[^/]*\.txt)$/.test(path);
