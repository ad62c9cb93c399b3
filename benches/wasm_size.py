#!/usr/bin/env python3
"""The shipped wasm's bytes by crate and fixplan module, from `twiggy top`
on a copy optimised like dist/ but keeping function names (`make bench`).

Usage: wasm_size.py <named.wasm> <shipped.wasm>; prints Markdown. Without
twiggy it prints a note instead of the table, and exits 0."""
import json
import os
import re
import shutil
import subprocess
import sys

# Crates as they appear in Rust symbol names, and the row each counts in.
CRATES = {
    "core": "core/std",
    "std": "core/std",
    "hashbrown": "core/std",
    "compiler_builtins": "core/std",
    "alloc": "alloc (Vec, String; the allocator is fixplan::heap)",
    "dlmalloc": "alloc (Vec, String; the allocator is fixplan::heap)",
    "__rustc": "alloc (Vec, String; the allocator is fixplan::heap)",  # the global allocator's entry points
    "wasm_bindgen": "wasm-bindgen",
    "js_sys": "wasm-bindgen",
}
# Symbols without a crate path: libm and mem* builtins, methods on primitives.
BUILTINS = re.compile(r"^(mem(cmp|cpy|set|move)|round|fmod|pow|exp|log|sqrt|<(f32|f64|char|str|u8|usize|i32|u32|\[.*?\])>::)")
CRATE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::")


def row(name):
    """Which row an item of `twiggy top` counts in; None: not shipped."""
    if re.fullmatch(r'".*" subsection', name) or name == "custom section 'name' headers":
        return None  # the names this copy keeps; dist/ strips them
    if name.startswith("engine_"):
        return "fixplan::wasm"  # the exports, with what they call inlined
    if name.startswith(("__wbindgen", "__wbg_", "__externref", "import ", 'export "__wbindgen', 'export "__wbg')):
        return "wasm-bindgen"
    if name.startswith("data segment"):
        return "data (texts, tables, panic messages)"
    if BUILTINS.match(name):
        return "core/std"
    for crate in CRATE.findall(name):
        if crate == "fixplan":
            module = re.search(r"fixplan(?:\[[0-9a-f]+\])?::([A-Za-z_0-9]+)", name)
            return f"fixplan::{module.group(1)}" if module else "fixplan"
        if crate in CRATES:
            return CRATES[crate]
    return "module structure (types, imports, exports, tables, unnamed code)"


def main():
    named, shipped = sys.argv[1:3]
    out = ["## The wasm by crate", ""]
    if shutil.which("twiggy") is None:
        out.append("Not measured: `twiggy` is not installed (`cargo install twiggy`).")
        print("\n".join(out))
        return 0
    items = json.loads(subprocess.run(
        ["twiggy", "top", "-f", "json", named], capture_output=True, text=True, check=True).stdout)
    sizes = {}
    for item in items:
        key = row(item["name"])
        if key is not None:
            sizes[key] = sizes.get(key, 0) + item["shallow_size"]
    total = sum(sizes.values())
    out += [
        "Written by `make bench` (`benches/wasm_size.py`): `twiggy top` on target/bindgen's wasm put through "
        "`wasm-opt --debuginfo` with dist's passes and flags, so functions keep their names; the name section is left out. "
        f"That copy is {total / 1024:.1f} KB without names; dist/ ships {os.path.getsize(shipped) / 1024:.1f} KB.",
        "Inlining moves bytes to the caller: the `engine_*` exports hold the code they call "
        "(`engine_new` holds the knowledge-base reader, `fixplan::compiled`), and generic code counts in the crate "
        "its name starts with (`core::ptr::drop_in_place<fixplan::…>` is core).",
        "",
        "| crate or module | bytes | share |",
        "| --- | ---: | ---: |",
    ]
    for key, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        out.append(f"| {key} | {size:,} | {100 * size / total:.1f}% |")
    fixplan = sum(s for k, s in sizes.items() if k.startswith("fixplan"))
    out.append(f"| **total** (fixplan: {fixplan:,}, {100 * fixplan / total:.0f}%) | **{total:,}** | 100% |")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
