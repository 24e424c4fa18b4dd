#!/usr/bin/env node
// Runs `twiggy top` on a wasm that still has its name section and writes the largest items and a
// per-crate rollup as JSON for bench/report.mjs.
//
//   node bench/twiggy.mjs WASM OUT.json "how the wasm was made"
import { execFileSync } from 'node:child_process';
import { writeFileSync, statSync } from 'node:fs';

const [wasm, out, how] = process.argv.slice(2);
const everything = JSON.parse(execFileSync('twiggy', ['top', '-f', 'json', '-n', '1000000', wasm], { maxBuffer: 1 << 28 }).toString());
// The name section is kept here only so that twiggy can name things; the shipped wasm has none.
const isNames = (it) => /^"[^"]*" subsection$/.test(it.name) || /custom section/.test(it.name);
const all = everything.filter((it) => !isNames(it));
const total = all.reduce((s, it) => s + it.shallow_size, 0);
const namesBytes = everything.filter(isNames).reduce((s, it) => s + it.shallow_size, 0);

/** The crate an item belongs to, from its demangled name. */
function crateOf(name) {
  if (/^data segment|^data\[\d+\]$/.test(name)) return '(data segments)';
  if (/^(elem|table|type|import|export|global|memory|code section|wasm magic)/i.test(name)) return '(wasm structure: tables, types, imports, exports)';
  let n = name.replace(/\[[0-9a-f]{16}\]/g, '');
  // `<T as some_crate::Trait>::f`: a generic impl of that crate's trait.
  let m = /^<(?:&(?:mut )?)?[A-Z]\w* as ([A-Za-z_]\w*)::/.exec(n);
  if (m) return m[1];
  n = n.replace(/^(<|&|mut |\*const |\*mut |dyn |\()+/g, '');
  m = /^([A-Za-z_]\w*)::/.exec(n);
  if (m) return m[1];
  if (/^(str|char|bool|[ui](8|16|32|64|128|size)|f32|f64|\[)/.test(n)) return 'core (methods of primitive types)';
  if (/^(__wbg|__wbindgen|__externref)/.test(n)) return 'wasm_bindgen';
  if (/^(memcpy|memset|memmove|memcmp|__rust|rust_|__rdl|__rg)/.test(n)) return 'compiler runtime (memcpy, alloc shims)';
  return '(unnamed)';
}

const byCrate = new Map();
for (const it of all) byCrate.set(crateOf(it.name), (byCrate.get(crateOf(it.name)) ?? 0) + it.shallow_size);
const result = {
  how,
  wasm_bytes: statSync(wasm).size,
  name_section_bytes: namesBytes,
  counted_bytes: total,
  items: all.length,
  top: all.slice(0, 20).map((it) => ({ ...it, shallow_size_percent: (100 * it.shallow_size) / total })),
  by_crate: [...byCrate.entries()]
    .map(([crate, bytes]) => ({ crate, bytes, percent: (100 * bytes) / total }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 15),
};
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(`twiggy: ${all.length} items, top: ${result.top.slice(0, 3).map((t) => t.name).join(', ')}`);
