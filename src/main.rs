//! The wasm entry point.

fn main() {
    mogi::start();
}
