# Sourced by scripts/setup and scripts/build: the toolchain and flags of the shipped wasm.
#
# The app's wasm is built with a pinned nightly that rebuilds the standard library for size
# (`-Zbuild-std`, at the release profile's opt-level "z") with `panic = immediate-abort`: a panic
# traps at once instead of formatting a message nobody sees (the release build installs no panic
# hook). Together −12 KB brotli (BENCHMARKS.md); the Leptos book recommends the same. Everything
# else — the CLI, the core's tests, benchmarks — builds with the stable toolchain.
# YUEDU_WASM_TOOLCHAIN=stable builds the wasm with stable instead (larger; the budget check in
# scripts/test assumes the default).
WASM_TOOLCHAIN="${YUEDU_WASM_TOOLCHAIN:-nightly-2026-05-20}"

# Runs "$@" (a trunk command) with the wasm toolchain's environment.
with_wasm_toolchain() {
  if [[ "$WASM_TOOLCHAIN" == stable ]]; then
    "$@"
  else
    RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort${RUSTFLAGS:+ $RUSTFLAGS}" \
      "$@"
  fi
}
