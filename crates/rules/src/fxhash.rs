//! A fast hasher for the engine's own tables (lexicons, gazetteer keys, learned forms).
//!
//! Std's default, SipHash-1-3, resists hash flooding at a price: a short word costs tens of
//! nanoseconds natively and more in WebAssembly, and the tokenizer looks words up for a good
//! share of an article's tokens. These tables are keyed by folded words from the rule packs and
//! from the article itself; someone able to craft colliding words could only slow down their own
//! page, so the multiply-and-rotate hash rustc uses for its own tables (FxHash) is enough, and
//! small enough to keep here rather than add a dependency.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash: each 8-byte word of the input is mixed in with a rotate, a xor and a multiply.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

/// The multiplier of FxHash (from rustc), an odd constant with well-spread bits.
const K: u64 = 0x517c_c1b7_2722_0a95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The multiply leaves the best-mixed bits at the top; hashbrown picks buckets with the low
    /// bits, so the top ones are rotated down.
    #[inline]
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

/// Builds [`FxHasher`]s.
pub(crate) type FxBuildHasher = BuildHasherDefault<FxHasher>;
/// A `HashMap` with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, FxBuildHasher>;
/// A `HashSet` with [`FxHasher`].
pub(crate) type FxHashSet<T> = HashSet<T, FxBuildHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_words_hash_apart_and_equal_words_alike() {
        let hash = |s: &str| {
            use std::hash::BuildHasher;
            FxBuildHasher::default().hash_one(s)
        };
        assert_eq!(hash("بغداد"), hash("بغداد"));
        let words = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "بغداد",
            "بغدا",
            "بيروت",
            "abcdefgh",
            "abcdefghi",
        ];
        for (i, a) in words.iter().enumerate() {
            for b in &words[i + 1..] {
                assert_ne!(hash(a), hash(b), "{a} {b}");
            }
        }
    }
}
