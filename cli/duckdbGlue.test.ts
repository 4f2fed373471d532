import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { gluePatches, patchGlue } from './duckdbGlue';

const installedGlue = () =>
  readFileSync(
    createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'),
    'utf8',
  );

describe('patchGlue (duckdb-wasm start-up patches)', () => {
  it('applies every patch to the installed glue, once per bundled build (MVP, EH)', () => {
    const original = installedGlue();
    const { source, applied } = patchGlue(original);
    // Fails when duckdb-wasm is upgraded with different glue: re-measure and re-check the patches.
    expect(applied).toEqual(gluePatches.map((patch) => patch.name));
    let expectedLength = original.length;
    for (const patch of gluePatches) {
      expect(source.split(patch.to).length - 1, patch.name).toBe(2);
      expectedLength += 2 * (patch.to.length - patch.from.length);
    }
    // Nothing else changed.
    expect(source.length).toBe(expectedLength);
    expect(source).not.toContain('GOT[t]||(GOT[t]=new WebAssembly.Global');
    // Side modules still create their GOT entries on demand, filled in by reportUndefinedSymbols.
    expect(source).toContain(
      'GOTHandler={get(e,r){var t=GOT[r];return t||(t=GOT[r]=new WebAssembly.Global',
    );
  });

  it('loads glue it was not written for unchanged', () => {
    for (const other of ['', 'updateGOT=(e,r)=>{}', gluePatches[0].from]) {
      expect(patchGlue(other)).toEqual({ source: other, applied: [] });
    }
  });

  it('skips a patch whose prerequisite did not apply', () => {
    const skip = gluePatches.find((patch) => patch.name === 'got-skip-unimported');
    const merge = gluePatches.find((patch) => patch.name === 'merge-symbols-in-place');
    if (!skip || !merge) throw new Error('patch list changed');
    const glue = [skip.from, merge.from, skip.from, merge.from].join(';');
    const { source, applied } = patchGlue(glue);
    expect(applied).toEqual(['merge-symbols-in-place']);
    expect(source).toBe([skip.from, merge.to, skip.from, merge.to].join(';'));
  });
});
