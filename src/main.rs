//! Entry point of the wasm app: only mounts (see `lib.rs`).

fn main() {
    yuedu_web::start();
}

// Talc instead of dlmalloc: 0.3 KB less brotli wasm for every reader (BENCHMARKS.md).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
