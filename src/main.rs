//! Entry point of the wasm app: only mounts (see `lib.rs`).
//!
//! On wasm there is no `main`: wasm-bindgen's start function mounts the app, so the standard
//! library's program runtime (its exit-time stdout flush and the I/O error texts that come with
//! it) is never linked in (−0.3 KB brotli for every reader).
#![cfg_attr(target_family = "wasm", no_main)]

#[cfg(target_family = "wasm")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    yuedu_web::start();
}

/// Native builds (`cargo test` builds every target) have nothing to run.
#[cfg(not(target_family = "wasm"))]
fn main() {}

// Talc instead of dlmalloc: 0.3 KB less brotli wasm for every reader (BENCHMARKS.md).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
