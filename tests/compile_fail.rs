//! Mistakes a user can make with generated code, and with specs, fail to compile
//! with a message that says what is wrong (checked against `tests/ui/*.stderr`).
//! `TRYBUILD=overwrite cargo test --test compile_fail` rewrites the expected output.

#[test]
fn compile_fail() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
