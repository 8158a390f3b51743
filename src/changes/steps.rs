//! Procedures compared step by step: the steps both versions share (in order) anchor the
//! comparison; between two anchors, a removed step and an added one in the same place are one
//! step reworded; a step whose text is in both versions but out of order has moved.

use serde::Serialize;

use super::snapshot::StepSnapshot;

/// Above this many step pairs the longest common run is not searched (a hostile document);
/// steps are then matched by position.
const MAX_CELLS: usize = 4_000_000;

/// What happened to one step. Indexes are positions in each version's list of steps (as the
/// reader counts them); numbers are what was printed beside the step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum StepChange {
    Added {
        index: usize,
        number: Option<u64>,
        section: String,
        text: String,
    },
    Removed {
        old_index: usize,
        number: Option<u64>,
        section: String,
        text: String,
    },
    /// The step in this place says something else now.
    Reworded {
        index: usize,
        old_number: Option<u64>,
        number: Option<u64>,
        section: String,
        old: String,
        new: String,
    },
    /// The same step, in another place.
    Moved {
        index: usize,
        from: Option<u64>,
        to: Option<u64>,
        section: String,
        text: String,
    },
    /// The step's own line is the same; what is under it (notes, sub-steps) changed.
    Detail {
        index: usize,
        number: Option<u64>,
        section: String,
        text: String,
    },
}

impl StepChange {
    /// The step's position in the new version, if it is there.
    pub fn new_index(&self) -> Option<usize> {
        match self {
            StepChange::Added { index, .. }
            | StepChange::Reworded { index, .. }
            | StepChange::Moved { index, .. }
            | StepChange::Detail { index, .. } => Some(*index),
            StepChange::Removed { .. } => None,
        }
    }
}

/// Compare two versions' steps.
pub fn compare(old: &[StepSnapshot], new: &[StepSnapshot]) -> Vec<StepChange> {
    let anchors = common_run(old, new);
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    for &(i, j) in &anchors {
        old_used[i] = true;
        new_used[j] = true;
    }
    // Moved: text in both versions, outside the common run.
    let mut moved_from: Vec<Option<usize>> = vec![None; new.len()];
    for j in 0..new.len() {
        if new_used[j] {
            continue;
        }
        if let Some(i) = (0..old.len()).find(|&i| !old_used[i] && old[i].text == new[j].text) {
            old_used[i] = true;
            new_used[j] = true;
            moved_from[j] = Some(i);
        }
    }
    let mut out = Vec::new();
    let mut bounds: Vec<(usize, usize)> = anchors.clone();
    bounds.push((old.len(), new.len()));
    let (mut oi, mut nj) = (0, 0);
    for (ai, aj) in bounds {
        let olds: Vec<usize> = (oi..ai).filter(|&i| !old_used[i]).collect();
        let mut olds = olds.into_iter();
        for j in nj..aj {
            let n = &new[j];
            if let Some(i) = moved_from[j] {
                out.push(StepChange::Moved {
                    index: j,
                    from: old[i].number,
                    to: n.number,
                    section: n.section.clone(),
                    text: n.text.clone(),
                });
            } else if let Some(i) = olds.next() {
                out.push(StepChange::Reworded {
                    index: j,
                    old_number: old[i].number,
                    number: n.number,
                    section: n.section.clone(),
                    old: old[i].text.clone(),
                    new: n.text.clone(),
                });
            } else {
                out.push(StepChange::Added {
                    index: j,
                    number: n.number,
                    section: n.section.clone(),
                    text: n.text.clone(),
                });
            }
        }
        for i in olds {
            out.push(StepChange::Removed {
                old_index: i,
                number: old[i].number,
                section: old[i].section.clone(),
                text: old[i].text.clone(),
            });
        }
        if ai < old.len() && aj < new.len() && old[ai].hash != new[aj].hash {
            out.push(StepChange::Detail {
                index: aj,
                number: new[aj].number,
                section: new[aj].section.clone(),
                text: new[aj].text.clone(),
            });
        }
        (oi, nj) = (ai + 1, aj + 1);
    }
    out
}

/// The longest run of steps the two versions share in order, as `(old, new)` index pairs.
fn common_run(old: &[StepSnapshot], new: &[StepSnapshot]) -> Vec<(usize, usize)> {
    let (n, m) = (old.len(), new.len());
    if n.saturating_mul(m) > MAX_CELLS {
        return (0..n.min(m))
            .filter(|&i| old[i].text == new[i].text)
            .map(|i| (i, i))
            .collect();
    }
    // lengths[i][j]: the longest common run of old[i..] and new[j..].
    let width = m + 1;
    let mut lengths = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[i * width + j] = if old[i].text == new[j].text {
                lengths[(i + 1) * width + j + 1] + 1
            } else {
                lengths[(i + 1) * width + j].max(lengths[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n && j < m {
        if old[i].text == new[j].text {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}
