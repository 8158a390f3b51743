//! Markdown bytes -> document -> layout at a width taken from the first byte. Any panic, or a
//! line wider than the width, or a control character in the output, is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&w, rest)) = data.split_first() else { return };
    let width = usize::from(w % 160) + 1;
    let text = String::from_utf8_lossy(rest);
    let text = manualpack::sanitize::normalise_newlines(&text);
    let doc = manualpack::markdown::parse(&text, manualpack::markdown::Context { dir: "procedures", line_offset: 0 });
    let r = manualpack::layout::layout(&doc, width);
    for line in &r.lines {
        assert!(line.width() <= width);
        assert!(line.text().chars().all(|c| !c.is_control() && !manualpack::sanitize::is_hazard(c)));
    }
});
