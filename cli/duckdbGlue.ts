/**
 * Start-up patches to duckdb-wasm's Emscripten glue (`duckdb-node-blocking.cjs`), applied as text
 * before it is compiled. The glue is a dynamically linked main module with ~75,000 exports, and at
 * instantiation it walks all of them several times: ≈ 1 s of CPU and most of the garbage collection
 * of a 2-row `mmm inspect`. Each patch keeps what the loop leaves behind and only drops work whose
 * result nobody reads; each is applied only where its exact text occurs once per bundled build (MVP
 * and EH), so a different glue (an upgrade) loads unchanged. Measured in bench/RESULTS.md (bench:cli).
 */

interface GluePatch {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** Patches this one relies on (applied first, and it is skipped without them). */
  readonly after?: readonly string[];
}

/** One per bundled build in `duckdb-node-blocking.cjs`. */
const buildsInGlue = 2;

export const gluePatches: readonly GluePatch[] = [
  {
    // Every export was published into the global offset table (a `WebAssembly.Global` and a table
    // slot each). Only entries the module imports (≈ 270) are read; side modules create theirs on
    // demand (`GOTHandler`, filled by `reportUndefinedSymbols`), and this build loads none.
    name: 'got-imported-only',
    from: 'GOT[t]||(GOT[t]=new WebAssembly.Global({value:"i32",mutable:!0})),(r||GOT[t].value==0)',
    to: 'GOT[t]&&(r||GOT[t].value==0)',
  },
  {
    // With the patch above an export without a GOT entry changes nothing but the `orig$` flag, so
    // such exports skip `isInternalSym`, which builds a 14-element array per call.
    name: 'got-skip-unimported',
    from: 'for(var t in e)if(!isInternalSym(t)){',
    to: 'for(var t in e)if((GOT[t]||t.startsWith("orig$"))&&!isInternalSym(t)){',
    after: ['got-imported-only'],
  },
  {
    // `Object.entries` (an array per export) and a closure per export, for a plain assignment.
    name: 'merge-symbols-in-place',
    from: 'for(var[t,n]of Object.entries(e))(o=>{isSymbolDefined(o)||(wasmImports[o]=n)})(t)',
    to: 'for(var t in e)isSymbolDefined(t)||(wasmImports[t]=e[t])',
  },
  {
    name: 'dyncall-symbols-in-place',
    from: 'for(var[r,t]of Object.entries(e))r.startsWith("dynCall_")&&!Module.hasOwnProperty(r)&&(Module[r]=t)',
    to: 'for(var r in e)r.startsWith("dynCall_")&&!Module.hasOwnProperty(r)&&(Module[r]=e[r])',
  },
  {
    // A copy of all 75,000 exports to wrap about twenty: the object it copies is the fresh one
    // `relocateExports` built, which nothing else holds (`wasmExports` is reassigned to the result).
    name: 'signature-conversions-in-place',
    from: 'function applySignatureConversions(e){e=Object.assign({},e);',
    to: 'function applySignatureConversions(e){',
  },
];

/** The glue with every patch whose text is found applied, and the names of those applied. */
export function patchGlue(source: string): { source: string; applied: string[] } {
  const applied: string[] = [];
  let patched = source;
  for (const patch of gluePatches) {
    if (patch.after?.some((name) => !applied.includes(name))) continue;
    const parts = patched.split(patch.from);
    if (parts.length !== buildsInGlue + 1) continue;
    patched = parts.join(patch.to);
    applied.push(patch.name);
  }
  return { source: patched, applied };
}
