//! Deterministic pseudo-random generator (xorshift), so generated inputs and training
//! shuffles are the same on every run. Shared by `benches/filter.rs` and
//! `examples/train_filter.rs` (included with `#[path]`).

pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
