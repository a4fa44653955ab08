# Sourced by scripts/setup and scripts/build: the toolchain and flags of the shipped wasm.
#
# The app's wasm is built with a pinned nightly that rebuilds the standard library for size
# (`-Zbuild-std`, at the release profile's opt-level "z", with its `optimize_for_size` feature)
# with `panic = immediate-abort`: a panic traps at once instead of formatting a message nobody
# sees (the release build installs no panic hook). Together −13 KB brotli (BENCHMARKS.md); the
# Leptos book recommends the same. Everything
# else — the CLI, the core's tests, benchmarks — builds with the stable toolchain.
# YUEDU_WASM_TOOLCHAIN=stable builds the wasm with stable instead (larger; the budget check in
# scripts/test assumes the default).
WASM_TOOLCHAIN="${YUEDU_WASM_TOOLCHAIN:-nightly-2026-05-20}"

# Runs "$@" (a trunk command) with the wasm toolchain's environment. Every wasm build is also
# split into chunks (src/split.rs): the linker keeps its relocations for wasm-split-cli, and
# trunk's wasm-bindgen is scripts/split/wasm-bindgen, which splits before binding.
with_wasm_toolchain() {
  local split_dir env=()
  split_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/split"
  # The relocations are for the app's module only (scripts/reader.mjs takes them out again).
  local split_flags="-Clink-args=--emit-relocs"
  local flags="$split_flags${RUSTFLAGS:+ $RUSTFLAGS}"
  if [[ "$WASM_TOOLCHAIN" != stable ]]; then
    flags="-Zunstable-options -Cpanic=immediate-abort $flags"
    env+=(RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size)
  fi
  env YUEDU_WASM_BINDGEN="$(PATH="${PATH//$split_dir:/}" command -v wasm-bindgen)" YUEDU_SPLIT_RUSTFLAGS="$split_flags" \
    PATH="$split_dir:$PATH" RUSTFLAGS="$flags" "${env[@]}" "$@"
}
