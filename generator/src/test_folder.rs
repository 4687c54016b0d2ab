//! Folders of files for the unit tests that read references from disk.

use std::path::PathBuf;

/// A fresh folder under the system temp dir, named for `name` and this test
/// process (so parallel tests and concurrent runs do not share one), holding
/// `files` as (relative path, text).
pub(crate) fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apiref-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    for (path, text) in files {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().expect("a file in the folder"))
            .expect("the file's folder");
        std::fs::write(full, text).expect("a fixture file");
    }
    dir
}
