//! What a deployment keeps for offline reading (docs/offline.md). The
//! service worker's generator (`scripts/service-worker.mjs`) weighs the
//! corpus data against a budget and writes its plan as `offline.json`:
//! within the budget every essay is saved as the app installs; above it,
//! the library, the search and the essays opened, and every essay only when
//! the reader asks (a phone should not fill with hundreds of megabytes it
//! was not asked for).

use crate::corpus::CorpusLoadError;
use serde::Deserialize;

/// `offline.json`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct OfflinePlan {
    /// Every essay's body is saved as the app installs; else only the
    /// essays opened, and all of them on the reader's request.
    pub every_essay: bool,
    /// The bytes of every essay's body: what saving them all stores.
    pub essays_bytes: u64,
}

impl OfflinePlan {
    pub fn from_json(text: &str) -> Result<OfflinePlan, CorpusLoadError> {
        Ok(serde_json::from_str(text)?)
    }
}

/// How many essays of the corpus are saved on this device: those of
/// `essays` (their bodies' addresses) found in `saved` (the addresses in
/// the essays' cache).
pub fn saved_count<'a>(
    essays: impl IntoIterator<Item = &'a str>,
    saved: &std::collections::HashSet<String>,
) -> usize {
    essays
        .into_iter()
        .filter(|url| saved.contains(*url))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_plan_and_refuses_another_shape() {
        let plan =
            OfflinePlan::from_json(r#"{"every_essay":false,"essays_bytes":1234,"budget_bytes":5}"#)
                .unwrap();
        assert_eq!(
            plan,
            OfflinePlan {
                every_essay: false,
                essays_bytes: 1234
            }
        );
        assert!(OfflinePlan::from_json(r#"{"every_essay":"yes"}"#).is_err());
        assert!(OfflinePlan::from_json("<html>").is_err());
    }

    #[test]
    fn counts_only_the_essays_saved() {
        let saved: std::collections::HashSet<String> =
            ["https://x/corpus/a.1.json", "https://x/corpus/old.2.json"]
                .map(String::from)
                .into();
        assert_eq!(
            saved_count(
                ["https://x/corpus/a.1.json", "https://x/corpus/b.3.json"],
                &saved
            ),
            1
        );
    }
}
