//! [`WordMap`]: a set of folded words, each with a small id — the table behind the tokenizer's
//! [`super::Lexicon`] and the patterns' word classes.
//!
//! Both are asked about a large share of an article's tokens, right after other stages have
//! filled the caches with their own tables. A std `HashMap<String, _>` puts every word in an
//! allocation of its own (a hit costs a cache miss more) and hashes every byte of the key; this
//! table keeps the words in one string, one after another, and their hashes in the slots, so a
//! miss reads a slot and a hit a slot and one word. Words are hashed with [`hash`], in constant
//! time — and [`crate::rules::Doc`] keeps that hash for every token, so a token is looked up
//! without hashing it again ([`WordMap::get_hashed`]).

/// A fast hash of a folded word. [`crate::rules::Doc`] computes it for every token of every
/// article, so matchers can rule tokens out with a lookup (the gazetteer skips the ~90 % of
/// tokens that start no name). Constant time: the length and the first and last eight bytes
/// (four Arabic letters) are enough to tell words apart for a filter, and hashing every byte
/// costs more than all the matching.
pub(crate) fn hash(folded: &[u8]) -> u32 {
    let n = folded.len();
    let (head, tail) = match (folded.first_chunk::<8>(), folded.last_chunk::<8>()) {
        (Some(&head), Some(&tail)) => (u64::from_le_bytes(head), u64::from_le_bytes(tail)),
        // Fewer than eight bytes, as a little-endian number.
        _ => (
            folded.iter().rev().fold(0, |w, &b| w << 8 | u64::from(b)),
            0,
        ),
    };
    let x = (head ^ (n as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ tail.rotate_left(29).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (x >> 32) as u32 ^ x as u32
}

/// A Bloom filter of word hashes ([`hash`]): most lookups of an article's tokens miss, and this
/// rules them out with one memory access in a table small enough to stay in cache. It is
/// *blocked*: a word's two bits lie in the same 64-bit word, so a test reads one word, not two
/// (every token of every article is tested against two or three of these filters, and the second
/// read was the cost). At least 32 bits per word keep false positives near 0.5 % (a test below
/// checks) — which matters, because the false positives are the frequent words (`في`, `التي`).
#[derive(Debug, Clone, Default)]
pub(crate) struct HashFilter {
    blocks: Vec<u64>,
    /// Number of blocks (a power of two) − 1.
    mask: u32,
}

impl HashFilter {
    /// An empty filter with room for `words` words.
    pub fn with_room(words: usize) -> HashFilter {
        let blocks = (words * 32 / 64).next_power_of_two().max(1);
        HashFilter {
            blocks: vec![0; blocks],
            mask: blocks as u32 - 1,
        }
    }

    /// A filter of `hashes`.
    pub fn of(hashes: &[u32]) -> HashFilter {
        let mut filter = HashFilter::with_room(hashes.len());
        hashes.iter().for_each(|&hash| filter.insert(hash));
        filter
    }

    /// Adds a word's hash.
    pub fn insert(&mut self, hash: u32) {
        let (block, bits) = self.probe(hash);
        self.blocks[block] |= bits;
    }

    /// The block of `hash` and its two bits there: the block from the hash's low bits, the bits
    /// from the high bits of a second mix, so the three are independent.
    fn probe(&self, hash: u32) -> (usize, u64) {
        let mixed = hash.wrapping_mul(0x9E37_79B1);
        let bits = 1 << (mixed >> 26) | 1 << ((mixed >> 20) & 63);
        ((hash & self.mask) as usize, bits)
    }

    /// Whether a word of this hash may have been added.
    pub fn may_contain(&self, hash: u32) -> bool {
        let (block, bits) = self.probe(hash);
        self.blocks[block] & bits == bits
    }
}

/// Words and their ids (0, 1, 2… in insertion order); see the module documentation.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordMap {
    /// Open addressing by [`hash`], at most half full: a word's hash and 1 + its id, or `(0, 0)`
    /// for an empty slot.
    slots: Vec<(u32, u32)>,
    /// Every word, one after another.
    arena: String,
    /// Per id: the word's byte range in `arena`.
    ranges: Vec<(u32, u32)>,
    /// The words' hashes, rebuilt as the slots grow: a miss — most lookups — often stops here.
    filter: HashFilter,
}

impl WordMap {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// The word with id `id`.
    pub fn word(&self, id: u32) -> &str {
        let (from, to) = self.ranges[id as usize];
        &self.arena[from as usize..to as usize]
    }

    /// The bytes of word `id`: what lookups compare, without `str` slicing's boundary checks.
    fn bytes(&self, id: u32) -> &[u8] {
        let (from, to) = self.ranges[id as usize];
        &self.arena.as_bytes()[from as usize..to as usize]
    }

    /// Every word, in id order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        (0..self.len() as u32).map(|id| self.word(id))
    }

    /// The id of `word`, if it is in the map.
    pub fn get(&self, word: &str) -> Option<u32> {
        self.get_hashed(word, hash(word.as_bytes()))
    }

    /// Whether a word of this [`hash`] may be in the map: the Bloom filter's answer, which rules
    /// out most misses. Inlined, so a caller looking up every token of an article pays a call
    /// only for the words that may be there.
    #[inline]
    pub fn may_contain(&self, hash: u32) -> bool {
        !self.slots.is_empty() && self.filter.may_contain(hash)
    }

    /// [`WordMap::get`], for a word whose [`hash`] is known already.
    pub fn get_hashed(&self, word: &str, hash: u32) -> Option<u32> {
        if !self.may_contain(hash) {
            return None;
        }
        self.probe(word, hash)
    }

    /// [`WordMap::get_hashed`] for a word that passed [`WordMap::may_contain`]: the table probe.
    pub fn probe(&self, word: &str, hash: u32) -> Option<u32> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut slot = hash as usize & mask;
        loop {
            let (h, k) = self.slots[slot];
            if k == 0 {
                return None;
            }
            if h == hash && same_word(self.bytes(k - 1), word.as_bytes()) {
                return Some(k - 1);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The id of `word`, added if it is new, and whether it was.
    pub fn insert(&mut self, word: &str) -> (u32, bool) {
        let h = hash(word.as_bytes());
        if let Some(id) = self.get_hashed(word, h) {
            return (id, false);
        }
        if 2 * (self.len() + 1) > self.slots.len() {
            self.grow();
        }
        let id = self.len() as u32;
        let from = self.arena.len() as u32;
        self.arena.push_str(word);
        self.ranges.push((from, self.arena.len() as u32));
        self.place(h, id);
        self.filter.insert(h);
        (id, true)
    }

    /// Puts word `id`, of hash `h`, in the first free slot from its own.
    fn place(&mut self, h: u32, id: u32) {
        let mask = self.slots.len() - 1;
        let mut slot = h as usize & mask;
        while self.slots[slot].1 != 0 {
            slot = (slot + 1) & mask;
        }
        self.slots[slot] = (h, id + 1);
    }

    /// Doubles the slots and places every word again, in a filter sized for as many words as
    /// the slots will hold.
    fn grow(&mut self) {
        let slots = (2 * self.slots.len()).max(16);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); slots]);
        self.filter = HashFilter::with_room(slots / 2);
        for (h, k) in old.into_iter().filter(|&(_, k)| k != 0) {
            self.place(h, k - 1);
            self.filter.insert(h);
        }
    }
}

/// `a == b` for short words (a [`WordMap`]'s, the gazetteer trie's). A folded Arabic word of
/// four to eight letters is 8 to 16 bytes: two 64-bit comparisons, of its first and of its last
/// eight bytes, with no call and no loop (the bytes between overlap); a shorter word, two
/// comparisons of four or two bytes the same way (a call to `memcmp` for those was a byte loop
/// in WebAssembly). Longer words go to the C library's `memcmp` natively, and eight bytes at a
/// time in WebAssembly.
#[inline]
pub(crate) fn same_word(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    match (a.first_chunk::<8>(), b.first_chunk::<8>()) {
        (Some(head_a), Some(head_b)) if a.len() <= 16 => {
            head_a == head_b && a.last_chunk::<8>() == b.last_chunk::<8>()
        }
        (Some(_), Some(_)) if cfg!(target_arch = "wasm32") => same_bytes(a, b),
        (Some(_), Some(_)) => a == b,
        // One to three letters (في، من، على), the most frequent words: overlapping halves.
        _ => match a.len() {
            0 => true,
            1 => a[0] == b[0],
            2..=3 => {
                a.first_chunk::<2>() == b.first_chunk::<2>()
                    && a.last_chunk::<2>() == b.last_chunk::<2>()
            }
            _ => {
                a.first_chunk::<4>() == b.first_chunk::<4>()
                    && a.last_chunk::<4>() == b.last_chunk::<4>()
            }
        },
    }
}

/// [`same_word`] for long words in WebAssembly.
fn same_bytes(mut a: &[u8], mut b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    while let (Some((x, rest_a)), Some((y, rest_b))) =
        (a.split_first_chunk::<8>(), b.split_first_chunk::<8>())
    {
        if x != y {
            return false;
        }
        (a, b) = (rest_a, rest_b);
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_has_no_false_negatives_and_few_false_positives() {
        let words: Vec<String> = (0..5000).map(|i| format!("كلمة{i}")).collect();
        let hashes: Vec<u32> = words.iter().map(|w| hash(w.as_bytes())).collect();
        let filter = HashFilter::of(&hashes);
        assert!(hashes.iter().all(|&h| filter.may_contain(h)));
        let others = (0..100_000).map(|i| format!("غيرها{i}"));
        let false_positives = others
            .filter(|w| filter.may_contain(hash(w.as_bytes())))
            .count();
        assert!(false_positives < 1_000, "{false_positives} in 100000");
    }

    #[test]
    fn words_compare_as_slices_do() {
        let words = [
            "",
            "a",
            "في",
            "بغداد",
            "الولايات",
            "الولايات المتحدة",
            "12345678",
            "123456789",
            "1234567890123456",
            "1234567890123457",
            "2234567890123456",
            "12345678901234567",
            "12345678X01234567",
        ];
        // And every word of up to seven bytes of `a` and `b`: one differing byte anywhere.
        let short: Vec<String> = (0..8u32)
            .flat_map(|n| {
                (0..1u32 << n).map(move |bits| {
                    (0..n)
                        .map(|i| if bits >> i & 1 == 1 { 'b' } else { 'a' })
                        .collect()
                })
            })
            .collect();
        let words: Vec<&str> = words
            .iter()
            .copied()
            .chain(short.iter().map(String::as_str))
            .collect();
        for &a in &words {
            for &b in &words {
                let (x, y) = (a.as_bytes(), b.as_bytes());
                assert_eq!(same_word(x, y), a == b, "{a:?} {b:?}");
                if x.len() == y.len() {
                    assert_eq!(same_bytes(x, y), a == b, "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn ids_in_order_and_lookups() {
        let mut map = WordMap::default();
        assert_eq!(map.get("بغداد"), None);
        let words: Vec<String> = (0..1000).map(|i| format!("كلمة{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.insert(w), (i as u32, true));
        }
        assert_eq!(map.insert("كلمة7"), (7, false));
        assert_eq!(map.len(), 1000);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w), Some(i as u32));
            assert_eq!(map.word(i as u32), w);
        }
        assert_eq!(map.get("كلمة1000"), None);
        assert_eq!(map.get(""), None);
        assert!(map.words().eq(words.iter().map(String::as_str)));
    }
}
