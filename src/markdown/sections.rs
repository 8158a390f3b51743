//! Where a long document may be cut so it is parsed a section at a time, each cut leaving the
//! parse exactly as the whole document's.

use super::forms;

/// Shortest section worth parsing on its own.
const SECTION_BYTES: usize = 64 * 1024;

/// Where to cut `text` into sections that parse exactly as the whole does: before an ATX
/// heading at the start of a line after a blank line, outside fenced code, each at least
/// [`SECTION_BYTES`] long. A document using something that can reach across such a heading
/// (link reference definitions, footnotes, HTML blocks that end at a closing tag) is one
/// section. Returns the end offset of each section; the last is `text.len()`.
pub fn sections(text: &str) -> Vec<usize> {
    let whole = vec![text.len()];
    if text.len() < 2 * SECTION_BYTES {
        return whole;
    }
    let reaching = ["[^", "<!", "<?", "<pre", "<script", "<style", "<textarea"];
    if reaching.iter().any(|r| text.contains(r)) {
        return whole;
    }
    let mut cuts = Vec::new();
    let (mut at, mut last_cut, mut blank_before) = (0, 0, true);
    let mut fence: Option<(u8, usize)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if indent <= 3 && trimmed.starts_with('[') && trimmed.contains("]:") {
            // a link reference definition: it applies to the whole document
            return whole;
        }
        if let Some(run) = forms::fence_run(trimmed).filter(|_| indent <= 3) {
            fence = match fence {
                None => Some(run),
                Some((c, n)) if run.0 == c && run.1 >= n && forms::is_closing(trimmed, run) => None,
                open => open,
            };
        } else if fence.is_none()
            && blank_before
            && at - last_cut >= SECTION_BYTES
            && is_atx_heading(line)
        {
            cuts.push(at);
            last_cut = at;
        }
        blank_before = line.trim().is_empty();
        at += line.len();
    }
    cuts.push(text.len());
    cuts
}

/// `#` to `######` at the very start of a line, then a space, a tab or the end of the line.
fn is_atx_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    (1..=6).contains(&hashes)
        && matches!(
            line.as_bytes().get(hashes),
            None | Some(b' ' | b'\t' | b'\n')
        )
}
