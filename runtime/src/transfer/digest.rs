//! What a download should hash to, and the hashers that check it: the SHA-2
//! family Glance's `os_hash_algo` names (`sha512` by default) and the MD5 of
//! its older `checksum`.

use sha2::Digest as _;

use crate::error::{DigestMismatch, Error};

/// The digest a download's bytes must have: an image's `os_hash_algo` and
/// `os_hash_value`, or `"md5"` and its `checksum`.
///
/// ```
/// # fn f() -> Result<(), apiref_runtime::Error> {
/// use apiref_runtime::Digest;
/// let expected = Digest::new("md5", "d41d8cd98f00b204e9800998ecf8427e")?;
/// assert_eq!(expected.algorithm(), "md5");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digest {
    algorithm: Algorithm,
    /// Lowercase hex.
    hex: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Algorithm {
    Md5,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Algorithm {
    /// The names Python's `hashlib` gives them, which Glance stores.
    const ALL: [(&'static str, Algorithm); 5] = [
        ("md5", Algorithm::Md5),
        ("sha224", Algorithm::Sha224),
        ("sha256", Algorithm::Sha256),
        ("sha384", Algorithm::Sha384),
        ("sha512", Algorithm::Sha512),
    ];

    fn name(self) -> &'static str {
        Algorithm::ALL
            .iter()
            .find(|(_, a)| *a == self)
            .map_or("?", |(name, _)| name)
    }

    /// The digest's length in bytes.
    fn bytes(self) -> usize {
        match self {
            Algorithm::Md5 => 16,
            Algorithm::Sha224 => 28,
            Algorithm::Sha256 => 32,
            Algorithm::Sha384 => 48,
            Algorithm::Sha512 => 64,
        }
    }
}

impl Digest {
    /// The digest `hex` of `algorithm`: `md5`, `sha224`, `sha256`, `sha384` or
    /// `sha512`, any case. Another algorithm, or hex of the wrong length, is
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument): refused before
    /// anything is downloaded.
    pub fn new(algorithm: &str, hex: &str) -> Result<Digest, Error> {
        let invalid = |reason: String| Error::InvalidArgument {
            name: "digest".to_owned(),
            reason,
        };
        let Some((_, algorithm)) = Algorithm::ALL
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(algorithm.trim()))
        else {
            return Err(invalid(format!(
                "`{}` is not an algorithm the client checks (md5, sha224, sha256, sha384, sha512)",
                algorithm.escape_debug()
            )));
        };
        let hex = hex.trim().to_ascii_lowercase();
        if hex.len() != algorithm.bytes() * 2 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid(format!(
                "a {} digest is {} hex digits, not `{}`",
                algorithm.name(),
                algorithm.bytes() * 2,
                hex.escape_debug()
            )));
        }
        Ok(Digest {
            algorithm: *algorithm,
            hex,
        })
    }

    /// The algorithm's name, lowercase (`sha512`).
    pub fn algorithm(&self) -> &'static str {
        self.algorithm.name()
    }

    /// The expected digest, lowercase hex.
    pub fn hex(&self) -> &str {
        &self.hex
    }

    /// A hasher for this digest's algorithm.
    pub(crate) fn hasher(&self) -> Hasher {
        match self.algorithm {
            Algorithm::Md5 => Hasher::Md5(md5::Md5::new()),
            Algorithm::Sha224 => Hasher::Sha224(sha2::Sha224::new()),
            Algorithm::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
            Algorithm::Sha384 => Hasher::Sha384(sha2::Sha384::new()),
            Algorithm::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
        }
    }

    /// Whether `hasher`, fed `bytes` bytes, found this digest.
    pub(crate) fn check(&self, hasher: Hasher, bytes: u64) -> Result<(), DigestMismatch> {
        let actual = hasher.finish_hex();
        if actual == self.hex {
            return Ok(());
        }
        Err(DigestMismatch {
            algorithm: self.algorithm(),
            expected: self.hex.clone(),
            actual,
            bytes,
        })
    }
}

/// One running hash.
pub(crate) enum Hasher {
    Md5(md5::Md5),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Hasher {
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        match self {
            Hasher::Md5(h) => h.update(bytes),
            Hasher::Sha224(h) => h.update(bytes),
            Hasher::Sha256(h) => h.update(bytes),
            Hasher::Sha384(h) => h.update(bytes),
            Hasher::Sha512(h) => h.update(bytes),
        }
    }

    fn finish_hex(self) -> String {
        let digest = match self {
            Hasher::Md5(h) => h.finalize().to_vec(),
            Hasher::Sha224(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
        };
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex_of(digest: &Digest, bytes: &[u8]) -> Result<(), DigestMismatch> {
        let mut hasher = digest.hasher();
        hasher.update(bytes);
        digest.check(hasher, bytes.len() as u64)
    }

    #[test]
    fn known_digests_of_abc() {
        let known = [
            ("md5", "900150983cd24fb0d6963f7d28e17f72"),
            (
                "SHA256",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                "sha512",
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
                 2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            ),
        ];
        for (algorithm, hex) in known {
            let digest = Digest::new(algorithm, &hex.to_ascii_uppercase()).expect("valid");
            assert_eq!(hex_of(&digest, b"abc"), Ok(()), "{algorithm}");
            let wrong = hex_of(&digest, b"abd").expect_err("other bytes");
            assert_eq!((wrong.expected.as_str(), wrong.bytes), (hex, 3));
            assert_ne!(wrong.actual, wrong.expected);
        }
    }

    #[test]
    fn unknown_algorithms_and_bad_hex_are_refused() {
        for (algorithm, hex) in [
            ("crc32", "00000000"),
            ("md5", "abc"),
            ("md5", &"zz".repeat(16)),
        ] {
            assert!(
                matches!(
                    Digest::new(algorithm, hex),
                    Err(crate::Error::InvalidArgument { .. })
                ),
                "{algorithm} {hex}"
            );
        }
    }
}
