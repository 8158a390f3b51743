//! The change model on a synthetic pack of 500 documents (`manualpack::synth`): summing a pack
//! up (every document parsed, as `diff` and a refresh do), and comparing two versions of it in
//! which every tenth document changed.
//!
//! Run: `cargo bench --bench diff`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use manualpack::changes::{self, snapshot};
use manualpack::synth;

const DOCS: usize = 500;

fn bench(c: &mut Criterion) {
    let old = synth::pack_set(DOCS, 7);
    let pack = &old.packs[0];
    let before = snapshot::of_pack(pack);
    // The same pack with every tenth document's steps reworded and one number changed.
    let mut after = before.clone();
    for doc in after.docs.iter_mut().step_by(10) {
        doc.hash.push('!');
        for step in doc.steps.iter_mut().step_by(3) {
            step.text.push_str(" (changed)");
        }
    }
    if let Some(c) = after.contacts.first_mut() {
        c.fields.push(("mobile".into(), "07700 900123".into()));
    }
    c.bench_function("snapshot of a 500-document pack", |b| {
        b.iter(|| black_box(snapshot::of_pack(pack)))
    });
    c.bench_function("compare two versions of a 500-document pack", |b| {
        b.iter(|| black_box(changes::compare(Some(&before), Some(&after))))
    });
    let found = changes::compare(Some(&before), Some(&after));
    c.bench_function("diff text of 50 changed documents", |b| {
        b.iter(|| black_box(changes::text::detail(std::slice::from_ref(&found))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
