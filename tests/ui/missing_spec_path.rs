// A spec path that does not exist is a compile error that names it.
apiref::generate!("spec/does-not-exist");

fn main() {}
