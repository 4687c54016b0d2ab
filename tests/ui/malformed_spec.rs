// A malformed doc is a compile error that names its file, line and column.
apiref::generate!("$SOURCE_DIR/fixtures/ragged_table.rst");

fn main() {}
