//! Deterministic synthetic packs for benchmarks (`examples/gen_pack.rs`, `benches/search.rs`):
//! realistic-ish procedures and forms (about 8 KB each: headings, paragraphs, numbered steps,
//! tables, warnings, phone numbers) and a `contacts.toml`, all from a seeded generator, so the
//! same arguments give the same bytes on every machine. Fictional data only (Ofcom drama
//! numbers). Not part of the supported API.

use std::fmt::Write as _;
use std::path::Path;

use crate::pack::{Pack, PackSet, SourceFile};

/// Words of the domain, most common first (sampled with a Zipf-like skew).
const DOMAIN: &[&str] = &[
    "the",
    "and",
    "to",
    "a",
    "of",
    "in",
    "for",
    "on",
    "is",
    "it",
    "with",
    "by",
    "patient",
    "practice",
    "call",
    "system",
    "phone",
    "staff",
    "ring",
    "duty",
    "manager",
    "paper",
    "record",
    "check",
    "clinical",
    "doctor",
    "reception",
    "list",
    "form",
    "time",
    "write",
    "back",
    "down",
    "today",
    "every",
    "urgent",
    "appointment",
    "appointments",
    "prescription",
    "prescriptions",
    "results",
    "lab",
    "network",
    "internet",
    "email",
    "message",
    "number",
    "log",
    "incident",
    "service",
    "desk",
    "support",
    "supplier",
    "pharmacy",
    "nurse",
    "visit",
    "home",
    "referral",
    "letter",
    "scan",
    "print",
    "printer",
    "sheet",
    "sign",
    "book",
    "booking",
    "telephone",
    "mobile",
    "divert",
    "queue",
    "line",
    "outage",
    "restore",
    "recovery",
    "backup",
    "entry",
    "consultation",
    "summary",
    "allergy",
    "medication",
    "repeat",
    "controlled",
    "drugs",
    "safety",
    "triage",
    "cyber",
    "attack",
    "ransomware",
    "ransom",
    "password",
    "account",
    "computer",
    "laptop",
    "cable",
    "socket",
    "power",
    "cut",
    "generator",
    "fridge",
    "vaccine",
    "temperature",
    "alarm",
    "building",
    "landlord",
    "keys",
    "locum",
    "partner",
    "clinician",
    "receptionist",
    "secretary",
    "administrator",
    "hospital",
    "ambulance",
    "emergency",
    "district",
    "community",
    "team",
    "region",
    "board",
    "report",
    "review",
    "audit",
    "policy",
];

const HEADINGS: &[&str] = &[
    "Steps",
    "First five minutes",
    "Before you start",
    "Who to call",
    "When it comes back",
    "What still works",
    "Checks",
    "Back-entry",
    "Patients waiting",
    "Urgent cases",
    "Paper records",
    "Telephones",
    "Handover",
];

const SYLLABLES: &[&str] = &[
    "ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "ri", "so", "tu", "va",
    "we", "xi", "yo", "za", "bri", "cla", "dro", "fen", "gal", "hor", "lin", "mar", "nor", "pel",
    "quin", "ros", "ster", "tal", "ven", "wil",
];

/// How many invented words the vocabulary has beyond the domain words.
const INVENTED: usize = 40_000;

/// A small deterministic random number generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `0..n`, small ones far more likely (probability about 1/rank).
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64 + 1.0).powf(u) as usize)
            .saturating_sub(1)
            .min(n.saturating_sub(1))
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The `i`-th invented word, built from syllables.
fn invented(mut i: usize, out: &mut String) {
    let n = SYLLABLES.len();
    for _ in 0..2 + i % 2 {
        out.push_str(SYLLABLES[i % n]);
        i /= n;
    }
    if i > 0 {
        out.push_str(SYLLABLES[i % n]);
    }
}

fn word(rng: &mut Rng, out: &mut String) {
    if rng.below(10) < 6 {
        out.push_str(DOMAIN[rng.zipf(DOMAIN.len())]);
    } else {
        invented(rng.zipf(INVENTED), out);
    }
}

fn sentence(rng: &mut Rng, contacts: &[(String, String)], out: &mut String) {
    let words = 8 + rng.below(10);
    let start = out.len();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        word(rng, out);
    }
    if let Some(c) = out.get(start..start + 1).map(str::to_uppercase) {
        out.replace_range(start..start + 1, &c);
    }
    if rng.below(6) == 0 {
        let (name, number) = &contacts[rng.zipf(contacts.len())];
        let _ = write!(out, ", then ring {name} on {number}");
    }
    out.push('.');
}

fn paragraph(rng: &mut Rng, contacts: &[(String, String)], out: &mut String) {
    for i in 0..3 + rng.below(4) {
        if i > 0 {
            out.push(' ');
        }
        sentence(rng, contacts, out);
    }
    out.push_str("\n\n");
}

/// The contacts: names and numbers from the Ofcom drama ranges; `01632 960117` is always there.
fn contacts(n: usize) -> Vec<(String, String)> {
    let mut rng = Rng::new(7);
    (0..n)
        .map(|i| {
            let number = match i % 3 {
                0 => format!("01632 960{:03}", (117 + i * 37) % 1000),
                1 => format!("020 7946 0{:03}", (i * 53) % 1000),
                _ => format!("07700 900{:03}", (i * 71) % 1000),
            };
            let mut name = String::new();
            invented(rng.below(INVENTED), &mut name);
            name[..1].make_ascii_uppercase();
            let _ = write!(
                name,
                " {}",
                ["IT desk", "surgery", "pharmacy", "team", "support"][i % 5]
            );
            (name, number)
        })
        .collect()
}

fn document(i: usize, rng: &mut Rng, contacts: &[(String, String)]) -> (String, String) {
    let form = i % 4 == 3;
    let mut title = String::new();
    let t = DOMAIN[12 + rng.below(DOMAIN.len() - 12)];
    let _ = write!(
        title,
        "{}{} {} {}",
        t[..1].to_uppercase(),
        &t[1..],
        rng.pick(&DOMAIN[12..]),
        i + 1
    );
    let mut s = String::with_capacity(9000);
    let _ = write!(s, "+++\ntitle = \"{title}\"\nsummary = \"");
    sentence(rng, contacts, &mut s);
    s.push_str("\"\n+++\n\n");
    let _ = writeln!(s, "# {title}\n");
    paragraph(rng, contacts, &mut s);
    for h in 0..6 + rng.below(3) {
        let _ = writeln!(s, "## {} {}\n", rng.pick(HEADINGS), h + 1);
        paragraph(rng, contacts, &mut s);
        for step in 1..=4 + rng.below(4) {
            let _ = write!(s, "{step}. ");
            sentence(rng, contacts, &mut s);
            s.push('\n');
        }
        s.push('\n');
        if rng.below(3) == 0 {
            s.push_str("> **Warning:** ");
            sentence(rng, contacts, &mut s);
            s.push_str("\n\n");
        }
        if form || rng.below(3) == 0 {
            s.push_str("| Time | Who | What |\n| --- | --- | --- |\n");
            for _ in 0..4 {
                if form {
                    s.push_str("| | | |\n");
                    continue;
                }
                let _ = write!(s, "| {:02}:{:02} | ", 8 + rng.below(10), rng.below(60));
                word(rng, &mut s);
                s.push_str(" | ");
                sentence(rng, contacts, &mut s);
                s.push_str(" |\n");
            }
            s.push('\n');
        }
        if form {
            s.push_str(
                "Name: ____________ Date: ________\n\n- [ ] Checked by the duty manager\n\n",
            );
        }
    }
    let path = if form {
        format!("forms/f-{:05}.md", i + 1)
    } else {
        format!("procedures/p-{:05}.md", i + 1)
    };
    (path, s)
}

/// Every file of a synthetic pack with `docs` documents, in memory.
pub fn pack_files(docs: usize, seed: u64) -> Vec<SourceFile> {
    named_pack_files("Synthetic Surgery", docs, seed)
}

/// [`pack_files`] for a practice of this name.
pub fn named_pack_files(practice: &str, docs: usize, seed: u64) -> Vec<SourceFile> {
    let people = contacts(60);
    let mut files = vec![SourceFile {
        path: "pack.toml".into(),
        text: "schema = 1\n\n[practice]\nname = \"PRACTICE\"\nphone = \"01632 960000\"\n\n[pack]\n\
               version = 1\nreviewed = 2026-10-01\nnext_review = 2027-04-01\nexample = true\n\n[search]\n\
               synonyms = [[\"EMIS\", \"clinical system\"]]\n"
            .replace("PRACTICE", practice),
    }];
    let mut c = String::new();
    for (i, (name, number)) in people.iter().enumerate() {
        let _ = write!(
            c,
            "[[contact]]\nname = \"{name}\"\nrole = \"Support for the {} system\"\ngroup = \"Group {}\"\n\
             phone = \"{number}\"\nemail = \"contact{i}@example.nhs.uk\"\nkey = {}\n\n",
            DOMAIN[12 + i % (DOMAIN.len() - 12)],
            i % 6,
            i < 4
        );
    }
    files.push(SourceFile {
        path: "contacts.toml".into(),
        text: c,
    });
    let mut rng = Rng::new(seed);
    for i in 0..docs {
        let (path, text) = document(i, &mut rng, &people);
        files.push(SourceFile { path, text });
    }
    files
}

/// A synthetic pack set, loaded from memory.
pub fn pack_set(docs: usize, seed: u64) -> PackSet {
    let pack = Pack::from_files("synthetic", pack_files(docs, seed), Vec::new());
    PackSet {
        origin: "synthetic".into(),
        packs: vec![pack],
        problems: Vec::new(),
    }
}

/// Write a synthetic pack into `dir` (created if needed); returns the bytes written.
pub fn write_pack(dir: &Path, docs: usize, seed: u64) -> std::io::Result<u64> {
    write_files(dir, pack_files(docs, seed))
}

/// Write a packs root as on an ICB's stick: `packs` packs of `docs` documents each, in
/// `dir/synthetic-001/` and so on (each its own practice and seed); returns the bytes written.
pub fn write_packs(dir: &Path, packs: usize, docs: usize, seed: u64) -> std::io::Result<u64> {
    let mut bytes = 0;
    for p in 0..packs {
        let name = format!("Synthetic Surgery {}", p + 1);
        let files = named_pack_files(&name, docs, seed.wrapping_add(p as u64));
        bytes += write_files(&dir.join(format!("synthetic-{:03}", p + 1)), files)?;
    }
    Ok(bytes)
}

fn write_files(dir: &Path, files: Vec<SourceFile>) -> std::io::Result<u64> {
    let mut bytes = 0;
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &f.text)?;
        bytes += f.text.len() as u64;
    }
    Ok(bytes)
}

/// About `bytes` of realistic Markdown: the example pack's procedures and forms, front matter
/// dropped, repeated into one long document (for the reading benchmark and profiling).
pub fn example_text(bytes: usize) -> String {
    let docs: Vec<&str> = crate::discover::EXAMPLE_PACK
        .iter()
        .filter(|(p, _)| p.ends_with(".md"))
        .map(|(_, t)| t.splitn(3, "+++\n").nth(2).unwrap_or(t))
        .collect();
    let mut out = String::with_capacity(bytes + 16 * 1024);
    for doc in docs.iter().cycle().take_while(|_| !docs.is_empty()) {
        if out.len() >= bytes {
            break;
        }
        out.push_str(doc);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_seed_same_pack_and_it_loads_cleanly() {
        let a = super::pack_files(8, 1);
        let b = super::pack_files(8, 1);
        assert!(
            a.iter()
                .zip(&b)
                .all(|(x, y)| x.path == y.path && x.text == y.text)
        );
        let set = super::pack_set(8, 1);
        let errors: Vec<String> = set
            .all_problems()
            .filter(|p| p.is_error())
            .map(|p| p.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(set.packs[0].docs.len(), 8);
        assert!(
            set.packs[0]
                .contacts
                .iter()
                .any(|c| c.phone.as_deref() == Some("01632 960117"))
        );
    }
}
