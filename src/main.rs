//! Entry point of the wasm app: only mounts (see `lib.rs`).

fn main() {
    yuedu_web::start();
}
