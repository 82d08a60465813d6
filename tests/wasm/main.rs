//! wasm-bindgen tests in Chromium (the `wasm` test target: `cargo test --target
//! wasm32-unknown-unknown --test wasm`, run by scripts/test with CHROMEDRIVER and
//! tests/wasm/webdriver.json). Natively this target is empty.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod chart;
