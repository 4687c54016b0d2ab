// A spec path may start only with `$SOURCE_DIR/` or `$CARGO_MANIFEST_DIR/`.
apiref::generate!("$HOME/spec/compute");

fn main() {}
