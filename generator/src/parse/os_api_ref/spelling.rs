//! Which of a few known words a misspelt one probably is.

/// The known word closest to `word` when it is close enough to be a slip of the
/// keyboard: at most two edits (a swap of neighbours counts one), and at most one
/// edit per three letters of the known word, so that short words (`in`) are never
/// guessed from another short word (`id`). Ties go to the first in `known`.
pub fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = word.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (distance(&lower, k), *k))
        .filter(|(d, k)| *d <= 2 && *d * 3 <= k.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and
/// swaps of neighbours, one each.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: the one before the previous, the previous, the current.
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[&str] = &["in", "required", "type", "description", "format"];

    #[test]
    fn guesses_slips_and_nothing_else() {
        assert_eq!(distance("requried", "required"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(closest("requered", KEYS), Some("required"));
        assert_eq!(closest("require", KEYS), Some("required"));
        assert_eq!(closest("requried", KEYS), Some("required"));
        assert_eq!(closest("descripition", KEYS), Some("description"));
        assert_eq!(closest("Type", KEYS), Some("type"));
        assert_eq!(closest("id", KEYS), None);
        assert_eq!(closest("default", KEYS), None);
        assert_eq!(closest("ture", &["true", "false"]), Some("true"));
    }
}
