//! Sticks: build one into a temporary folder, break it in each way a real stick gets broken, and
//! check that `verify` names exactly what is wrong; refuse downgrades; stop a refresh after every
//! single step and check the stick always verifies as the old or the new content.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use jiff::civil::{Date, date};
use manualpack::stick::{
    self, BuildOptions, Finding, Signer, StickError, StickStatus, TrustedKey, keys,
};
use sha2::Digest;
use tempfile::TempDir;

const TODAY: Date = date(2026, 11, 25);
const PHONES: &str = "packs/example-riverside/procedures/phones-down.md";

struct Fixture {
    dir: TempDir,
}

impl Fixture {
    fn new() -> Self {
        let f = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        let bins = f.path("bins");
        std::fs::create_dir_all(&bins).unwrap();
        std::fs::write(
            bins.join(stick::WINDOWS_EXE),
            b"MZ: a small stand-in for the Windows build",
        )
        .unwrap();
        std::fs::write(
            bins.join(stick::LINUX_BIN),
            b"\x7fELF: a small stand-in for the Linux build",
        )
        .unwrap();
        keys::keygen(&f.path("key-a"), None).unwrap();
        keys::keygen(&f.path("key-b"), None).unwrap();
        f
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// A packs folder holding the example pack at `version` (one procedure differs per version).
    fn packs(&self, version: i64) -> PathBuf {
        let root = self.path(&format!("packs-v{version}"));
        let pack = root.join("example-riverside");
        if !pack.exists() {
            copy_tree(
                &Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/example-riverside"),
                &pack,
            );
            let toml = std::fs::read_to_string(pack.join("pack.toml")).unwrap();
            std::fs::write(
                pack.join("pack.toml"),
                toml.replace("version = 3", &format!("version = {version}")),
            )
            .unwrap();
            let doc = pack.join("procedures/phones-down.md");
            let mut text = std::fs::read_to_string(&doc).unwrap();
            text.push_str(&format!("\nThis is version {version} of this procedure.\n"));
            std::fs::write(doc, text).unwrap();
        }
        root
    }

    fn signer(&self, which: &str) -> Signer {
        Signer::from_file(
            &self
                .path(&format!("key-{which}"))
                .join(keys::SECRET_KEY_FILE),
        )
        .unwrap()
    }

    fn trusted(&self, which: &str) -> Vec<TrustedKey> {
        vec![
            TrustedKey::from_file(
                &self
                    .path(&format!("key-{which}"))
                    .join(keys::PUBLIC_KEY_FILE),
            )
            .unwrap(),
        ]
    }

    fn options(&self, dest: &Path, version: i64) -> BuildOptions {
        BuildOptions {
            bin_dir: Some(self.path("bins")),
            sync: false,
            ..BuildOptions::new(
                dest,
                &self.packs(version),
                jiff::Timestamp::from_second(1_795_600_000).unwrap(),
                TODAY,
            )
        }
    }

    fn build(
        &self,
        dest: &Path,
        version: i64,
        key: &str,
    ) -> Result<stick::BuildReport, StickError> {
        stick::build(
            &self.options(dest, version),
            &self.signer(key),
            &[],
            &mut |_, _| true,
        )
    }

    /// A stick with version 3, signed with key a.
    fn stick(&self) -> PathBuf {
        let dest = self.path("stick");
        self.build(&dest, 3, "a").unwrap();
        dest
    }

    fn findings(&self, dest: &Path) -> Vec<Finding> {
        stick::verify(dest, &self.trusted("a"), TODAY).findings
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn pack_version(dest: &Path, trusted: &[TrustedKey]) -> Option<i64> {
    let report = stick::verify(dest, trusted, TODAY);
    assert!(
        report.ok(),
        "the stick must verify, but: {:?}",
        report.findings
    );
    report.manifest.unwrap().pack_version("example-riverside")
}

#[test]
fn a_fresh_stick_has_the_launchers_and_verifies() {
    let f = Fixture::new();
    let dest = f.path("stick");
    let mut opts = f.options(&dest, 3);
    opts.sync = true; // the real thing, once
    stick::build(&opts, &f.signer("a"), &[], &mut |_, _| true).unwrap();
    for top in ["START HERE.txt", "manualpack.bat", "start-linux.sh"] {
        assert!(dest.join(top).is_file(), "{top}");
    }
    let content = dest.join(stick::CONTENT_DIR);
    for inner in [
        "manualpack.exe",
        "manualpack-linux-x86_64",
        "manualpack.bat",
        "start-linux.sh",
        PHONES,
        "manifest.json.minisig",
    ] {
        assert!(content.join(inner).is_file(), "{inner}");
    }
    let bat = std::fs::read_to_string(content.join("manualpack.bat")).unwrap();
    assert!(
        bat.contains("chcp 65001") && bat.contains("mode con") && bat.contains("\r\n"),
        "{bat}"
    );
    let report = stick::verify(&dest, &f.trusted("a"), TODAY);
    assert!(report.ok(), "{:?}", report.findings);
    assert!(report.trusted);
    let sig = std::fs::read_to_string(content.join(stick::SIGNATURE)).unwrap();
    assert!(
        sig.contains("trusted comment: manualpack stick\tpacks: example-riverside v3\t"),
        "{sig}"
    );
    assert!(sig.contains("refresh by: 2027-02-23"), "{sig}");
}

#[test]
fn one_changed_byte_is_named() {
    let f = Fixture::new();
    let dest = f.stick();
    let doc = dest.join(stick::CONTENT_DIR).join(PHONES);
    let mut bytes = std::fs::read(&doc).unwrap();
    bytes[10] ^= 1;
    std::fs::write(&doc, &bytes).unwrap();
    let size = bytes.len() as u64;
    assert_eq!(
        f.findings(&dest),
        [Finding::Changed {
            path: PHONES.into(),
            expected_size: size,
            actual_size: size
        }]
    );
}

#[test]
fn a_deleted_file_is_named() {
    let f = Fixture::new();
    let dest = f.stick();
    std::fs::remove_file(dest.join(stick::CONTENT_DIR).join(PHONES)).unwrap();
    assert_eq!(
        f.findings(&dest),
        [Finding::Missing {
            path: PHONES.into()
        }]
    );
}

#[test]
fn an_added_file_is_named() {
    let f = Fixture::new();
    let dest = f.stick();
    std::fs::write(
        dest.join(stick::CONTENT_DIR)
            .join("packs/example-riverside/procedures/new.md"),
        "# New\n",
    )
    .unwrap();
    let path = "packs/example-riverside/procedures/new.md".to_string();
    assert_eq!(f.findings(&dest), [Finding::Extra { path }]);
}

#[test]
fn a_removed_signature_is_reported() {
    let f = Fixture::new();
    let dest = f.stick();
    std::fs::remove_file(dest.join(stick::CONTENT_DIR).join(stick::SIGNATURE)).unwrap();
    assert_eq!(f.findings(&dest), [Finding::SignatureMissing]);
}

#[test]
fn a_stick_signed_with_another_key_is_not_trusted() {
    let f = Fixture::new();
    let dest = f.path("stick-b");
    f.build(&dest, 3, "b").unwrap();
    let key_b = f.signer("b").key_id;
    let key_a = f.signer("a").key_id;
    assert_eq!(
        f.findings(&dest),
        [Finding::NotTrusted {
            key_id: key_b.clone(),
            trusted: vec![key_a]
        }]
    );
    assert!(stick::verify(&dest, &f.trusted("b"), TODAY).ok());
}

#[test]
fn a_manifest_edited_after_signing_breaks_the_signature() {
    let f = Fixture::new();
    let dest = f.stick();
    let manifest = dest.join(stick::CONTENT_DIR).join(stick::MANIFEST);
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replace("2027-02-23", "2030-02-23")).unwrap();
    let key = f.signer("a").key_id;
    assert_eq!(
        f.findings(&dest),
        [Finding::SignatureInvalid { key_id: key }]
    );
}

#[test]
fn a_stick_past_its_refresh_date_says_so() {
    let f = Fixture::new();
    let dest = f.stick();
    let later = date(2027, 2, 24);
    let report = stick::verify(&dest, &f.trusted("a"), later);
    assert_eq!(
        report.findings,
        [Finding::Expired {
            refresh_by: date(2027, 2, 23)
        }]
    );
    assert!(stick::verify(&dest, &f.trusted("a"), date(2027, 2, 23)).ok());
}

#[test]
fn a_downgrade_is_refused_unless_allowed() {
    let f = Fixture::new();
    let dest = f.path("stick");
    f.build(&dest, 4, "a").unwrap();
    let err = f.build(&dest, 3, "a").unwrap_err().to_string();
    assert!(
        err.contains("example-riverside: version 3 would replace version 4"),
        "{err}"
    );
    assert_eq!(pack_version(&dest, &f.trusted("a")), Some(4));
    let mut opts = f.options(&dest, 3);
    opts.allow_downgrade = true;
    stick::build(&opts, &f.signer("a"), &[], &mut |_, _| true).unwrap();
    assert_eq!(pack_version(&dest, &f.trusted("a")), Some(3));
}

#[test]
fn names_a_fat_stick_cannot_hold_are_refused_before_writing() {
    let f = Fixture::new();
    let packs = f.packs(3);
    std::fs::write(packs.join("example-riverside/forms/CON.md"), "# Con\n").unwrap();
    std::fs::write(
        packs.join("example-riverside/forms/Message-Slip.md"),
        "# Slip\n",
    )
    .unwrap();
    let dest = f.path("stick");
    let err = f.build(&dest, 3, "a").unwrap_err().to_string();
    assert!(err.contains("`CON.md` is a reserved device name"), "{err}");
    assert!(err.contains("differ only in upper/lower case"), "{err}");
    assert!(!dest.exists(), "nothing may be written");
}

/// The heart of refresh safety: pull the stick out after every single file written, renamed or
/// deleted, and the stick still verifies as version 3 or version 4; a later build finishes.
#[test]
fn a_refresh_stopped_after_any_step_leaves_the_old_or_the_new_stick() {
    let f = Fixture::new();
    let old = f.stick();
    let trusted = f.trusted("a");
    let mut seen = Vec::new();
    for stop in 1.. {
        let work = f.path(&format!("work-{stop}"));
        copy_tree(&old, &work);
        let result = stick::build(&f.options(&work, 4), &f.signer("a"), &[], &mut |step, _| {
            step < stop
        });
        let version = pack_version(&work, &trusted);
        seen.push(version);
        match result {
            Err(StickError::Interrupted(n)) => assert_eq!(n, stop),
            Ok(_) => {
                assert_eq!(version, Some(4));
                break;
            }
            Err(e) => panic!("step {stop}: {e}"),
        }
        // the next refresh on the same stick finishes cleanly (checked in every switch state
        // and after every third step otherwise, to keep the test fast)
        if stop % 3 == 0 || work.join(stick::OLD_DIR).exists() {
            f.build(&work, 4, "a").unwrap();
            assert_eq!(
                pack_version(&work, &trusted),
                Some(4),
                "after finishing step {stop}"
            );
            assert!(!work.join(stick::NEW_DIR).exists() && !work.join(stick::OLD_DIR).exists());
        }
        std::fs::remove_dir_all(&work).unwrap();
        assert!(stop < 500, "the refresh never finished");
    }
    assert!(
        seen.contains(&Some(3)) && seen.contains(&Some(4)),
        "{seen:?}"
    );
    assert!(
        seen.len() > 25,
        "every file should be a step: {}",
        seen.len()
    );
}

#[test]
fn a_stick_stopped_between_the_two_renames_verifies_as_the_old_one() {
    let f = Fixture::new();
    let dest = f.stick();
    let mut stopped_at = None;
    let mut hook = |step: usize, what: &str| {
        if what.starts_with("switch: current content set aside") {
            stopped_at = Some(step);
            return false;
        }
        true
    };
    let err = stick::build(&f.options(&dest, 4), &f.signer("a"), &[], &mut hook).unwrap_err();
    assert!(matches!(err, StickError::Interrupted(_)));
    assert!(stopped_at.is_some());
    assert!(!dest.join(stick::CONTENT_DIR).exists());
    let report = stick::verify(&dest, &f.trusted("a"), TODAY);
    assert!(report.ok(), "{:?}", report.findings);
    assert!(
        report
            .note
            .unwrap()
            .contains("stopped between its two renames")
    );
    f.build(&dest, 4, "a").unwrap();
    assert_eq!(pack_version(&dest, &f.trusted("a")), Some(4));
}

#[test]
fn the_reader_banner_names_the_changed_file() {
    let f = Fixture::new();
    let dest = f.stick();
    let packs = dest.join(stick::CONTENT_DIR).join("packs");
    let ok = StickStatus::for_packs(&packs, &f.trusted("a"), TODAY).unwrap();
    assert_eq!(ok.banner(), None);
    assert_eq!(ok.short(), "stick: trusted key, refresh by 2027-02-23");
    let key = f.signer("a").key_id;
    assert_eq!(
        ok.summary(),
        format!("stick signed by {key} (trusted), built 2026-11-25, refresh by 2027-02-23")
    );
    let untrusted = StickStatus::for_packs(&packs, &[], TODAY).unwrap();
    assert_eq!(
        untrusted.banner(),
        None,
        "most PCs trust no key: not a reason for alarm"
    );
    assert!(untrusted.summary().contains("(not a key you trust)"));

    let doc = dest.join(stick::CONTENT_DIR).join(PHONES);
    let mut bytes = std::fs::read(&doc).unwrap();
    bytes[0] ^= 0x20;
    std::fs::write(&doc, bytes).unwrap();
    let changed = StickStatus::for_packs(&packs, &f.trusted("a"), TODAY).unwrap();
    let banner = changed.banner().unwrap();
    assert!(
        banner.starts_with(&format!("CHANGED SINCE IT WAS SIGNED: {PHONES}")),
        "{banner}"
    );

    let set = manualpack::pack::PackSet::open(&packs, &manualpack::pack::Limits::default());
    let area = ratatui::layout::Rect::new(0, 0, 120, 30);
    let folders = manualpack::folders::Folders::under(&dest.join("own"));
    let start = manualpack::tui::app::Start::new(set, TODAY, area, folders);
    let mut app = manualpack::tui::app::App::new(start);
    app.stick = Some(changed);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    manualpack::tui::view::render(&app, area, &mut buf);
    let screen: String = (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                + "\n"
        })
        .collect();
    assert!(
        screen.contains(
            "CHANGED SINCE IT WAS SIGNED: packs/example-riverside/procedures/phones-down.md"
        ),
        "{screen}"
    );

    let expired = StickStatus::for_packs(&packs, &f.trusted("a"), date(2027, 3, 1)).unwrap();
    assert!(
        expired.banner().unwrap().contains("CHANGED SINCE"),
        "a changed file outranks the date"
    );
    std::fs::write(
        &doc,
        std::fs::read(
            f.packs(3)
                .join("example-riverside/procedures/phones-down.md"),
        )
        .unwrap(),
    )
    .unwrap();
}

#[test]
fn a_stick_past_its_date_gets_a_banner() {
    let f = Fixture::new();
    let dest = f.stick();
    let packs = dest.join(stick::CONTENT_DIR).join("packs");
    let late = StickStatus::for_packs(&packs, &f.trusted("a"), date(2027, 3, 1)).unwrap();
    assert!(
        late.banner()
            .unwrap()
            .starts_with("PAST ITS REFRESH DATE (2027-02-23)")
    );
}

#[test]
fn the_browser_and_printed_editions_go_on_the_stick_and_are_signed() {
    let f = Fixture::new();
    let dest = f.path("stick");
    let editions = stick::content::editions();
    stick::build(
        &f.options(&dest, 3),
        &f.signer("a"),
        &editions,
        &mut |_, _| true,
    )
    .unwrap();
    let index = dest.join(stick::CONTENT_DIR).join("html/index.html");
    assert!(index.is_file());
    let report = stick::verify(&dest, &f.trusted("a"), TODAY);
    assert!(report.ok(), "{:?}", report.findings);
    let files = &report.manifest.unwrap().files;
    assert!(files.iter().any(|e| e.path == "html/index.html"));
    // the printed edition too: binder, contacts sheet and each form, signed like the rest
    for pdf in [
        "print/example-riverside/example-riverside-binder.pdf",
        "print/example-riverside/example-riverside-contacts.pdf",
        "print/example-riverside/forms/message-slip.pdf",
    ] {
        assert!(files.iter().any(|e| e.path == pdf), "{pdf} is on the stick");
        let bytes = std::fs::read(dest.join(stick::CONTENT_DIR).join(pdf)).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{pdf} is a PDF");
    }
    std::fs::write(&index, "<p>changed</p>").unwrap();
    let path = "html/index.html".to_string();
    assert!(matches!(&f.findings(&dest)[..], [Finding::Changed { path: p, .. }] if *p == path));
}

impl Fixture {
    /// A stick with version 3 and the search index edition alone (the PDFs take seconds).
    fn stick_with_indexes(&self) -> PathBuf {
        let dest = self.path("stick");
        let index: Vec<_> = stick::content::editions()
            .into_iter()
            .filter(|(name, _)| *name == "index")
            .collect();
        stick::build(
            &self.options(&dest, 3),
            &self.signer("a"),
            &index,
            &mut |_, _| true,
        )
        .unwrap();
        dest
    }
}

#[test]
fn the_search_index_goes_on_the_stick_signed_and_is_used_only_while_it_matches() {
    use manualpack::search::find::{Places, find_or_build};
    use manualpack::search::{IndexSource, SearchScope};
    let f = Fixture::new();
    let dest = f.stick_with_indexes();
    let content = dest.join(stick::CONTENT_DIR);
    let rel = "index/example-riverside.mpidx";
    let report = stick::verify(&dest, &f.trusted("a"), TODAY);
    assert!(report.ok(), "{:?}", report.findings);
    assert!(
        report.manifest.unwrap().files.iter().any(|e| e.path == rel),
        "signed"
    );
    let packs = content.join("packs");
    let set = manualpack::pack::PackSet::open(&packs, &manualpack::pack::Limits::default());
    let places = Places::for_path(Some(&packs), None);
    let (index, source) = find_or_build(&set, &places);
    assert_eq!(source, IndexSource::Stick);
    let built = manualpack::search::SearchIndex::build(&set);
    for q in ["ransom", "version 3", "01632 960", "fridge"] {
        let (a, b) = (index.parse(q), built.parse(q));
        assert_eq!(
            index.search(&set, &a, SearchScope::All, 30),
            built.search(&set, &b, SearchScope::All, 30),
            "the stick's index answers {q} as a fresh one does"
        );
    }
    // one pack opened by its own folder on the stick uses it too
    let one = packs.join("example-riverside");
    let set_one = manualpack::pack::PackSet::open(&one, &manualpack::pack::Limits::default());
    assert_eq!(
        find_or_build(&set_one, &Places::for_path(Some(&one), None)).1,
        IndexSource::Stick
    );
    // changed after signing: its hash no longer matches the manifest, so it is built instead
    let mut bytes = std::fs::read(content.join(rel)).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(content.join(rel), bytes).unwrap();
    assert_eq!(find_or_build(&set, &places).1, IndexSource::Built);
    assert!(matches!(&f.findings(&dest)[..], [Finding::Changed { path, .. }] if path == rel));
}

#[test]
fn the_readers_plan_takes_the_index_from_the_stick_else_the_cache() {
    use manualpack::discover::Location;
    use manualpack::search::IndexSource;
    use manualpack::tui::loader::Plan;
    let f = Fixture::new();
    let dest = f.stick_with_indexes();
    let cache = f.path("cache");
    let source = |path: PathBuf| {
        let set = manualpack::pack::PackSet::open(&path, &manualpack::pack::Limits::default());
        let plan = Plan::new(Location::Path(path), TODAY, Some(&cache), Box::new(|| None));
        (plan.index)(&set).1
    };
    let on_stick = dest.join(stick::CONTENT_DIR).join("packs");
    assert_eq!(source(on_stick), IndexSource::Stick);
    assert!(!cache.exists(), "nothing is cached for a stick");
    let folder = f.packs(3);
    assert_eq!(source(folder.clone()), IndexSource::Built);
    assert_eq!(source(folder), IndexSource::Cache);
}

#[test]
fn search_on_a_stick_reads_only_the_hits_and_answers_as_a_full_search_does() {
    use manualpack::search::find::{Places, search_on_stick};
    use manualpack::search::{SearchIndex, SearchScope};
    let f = Fixture::new();
    let dest = f.stick_with_indexes();
    let content = dest.join(stick::CONTENT_DIR);
    let packs = content.join("packs");
    let places = Places::for_path(Some(&packs), None);
    let full = manualpack::pack::PackSet::open(&packs, &manualpack::pack::Limits::default());
    let index = SearchIndex::build(&full);
    for q in [
        "ransom",
        "version 3",
        "960 210",
        "apointment",
        "fridge",
        "zzzz",
    ] {
        let (set, _, results) = search_on_stick(&packs, &places, q, 20).expect("uses the index");
        let want = index.search(&full, &index.parse(q), SearchScope::All, 20);
        assert_eq!(results, want, "{q}");
        // hits name the same documents, read for real; the rest were never read
        for hit in &results.hits {
            if let Some(d) = hit.doc {
                assert_eq!(
                    set.packs[0].docs[d].title, full.packs[0].docs[d].title,
                    "{q}"
                );
            }
        }
        let read = set.packs[0]
            .docs
            .iter()
            .filter(|d| d.doc.source_len() > 0)
            .count();
        assert!(read <= results.hits.len(), "{q}: {read} documents read");
    }
    // an index naming a path outside the pack, even with the manifest made to match, is not used
    let rel = "index/example-riverside.mpidx";
    let bytes = std::fs::read(content.join(rel)).unwrap();
    let from = b"procedures/phones-down.md";
    let to = b"procedures/../../secret.md";
    assert_eq!(from.len() + 1, to.len());
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("a document path");
    let mut hostile = bytes[..at - 4].to_vec();
    hostile.extend_from_slice(&(to.len() as u32).to_le_bytes());
    hostile.extend_from_slice(to);
    hostile.extend_from_slice(&bytes[at + from.len()..]);
    std::fs::write(content.join(rel), &hostile).unwrap();
    let manifest = std::fs::read_to_string(content.join(stick::MANIFEST)).unwrap();
    let old = manualpack::stick::hex(&sha2::Sha256::digest(&bytes));
    let new = manualpack::stick::hex(&sha2::Sha256::digest(&hostile));
    std::fs::write(content.join(stick::MANIFEST), manifest.replace(&old, &new)).unwrap();
    // the file it points at exists: only the path check keeps it out
    std::fs::write(packs.join("secret.md"), "# Secret\n\nphones\n").unwrap();
    assert!(search_on_stick(&packs, &places, "phones", 20).is_none());
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_in_a_pack_is_refused_before_writing() {
    let f = Fixture::new();
    let pack = f.packs(3).join("example-riverside");
    std::os::unix::fs::symlink(
        pack.join("procedures/phones-down.md"),
        pack.join("procedures/link.md"),
    )
    .unwrap();
    let dest = f.path("stick");
    let err = f.build(&dest, 3, "a").unwrap_err().to_string();
    assert!(err.contains("link.md is a symbolic link"), "{err}");
    assert!(!dest.exists());
}

#[test]
fn a_file_of_4_gib_is_refused_before_writing() {
    let f = Fixture::new();
    let big = f.path("bins").join(stick::LINUX_BIN);
    std::fs::File::create(&big)
        .unwrap()
        .set_len(u64::from(u32::MAX) + 1)
        .unwrap(); // sparse
    let dest = f.path("stick");
    let err = f.build(&dest, 3, "a").unwrap_err().to_string();
    assert!(
        err.contains("manualpack-linux-x86_64 is 4294967296 bytes: FAT32 sticks cannot hold"),
        "{err}"
    );
    assert!(!dest.exists());
}

#[test]
fn a_refresh_never_deletes_an_incident_log_inside_the_content_folder() {
    let f = Fixture::new();
    let dest = f.stick();
    let state = dest.join(stick::CONTENT_DIR).join("manualpack-state");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join("incidents.log"), "{}\n").unwrap();
    let err = f.build(&dest, 4, "a").unwrap_err().to_string();
    assert!(err.contains("move it to the top of the stick"), "{err}");
    assert!(state.join("incidents.log").is_file());
}

// ---- issue 14: the check gate, refusals and previous/ at the library's level ----

fn previous_of(dest: &Path) -> Option<Vec<u8>> {
    std::fs::read(
        dest.join(stick::CONTENT_DIR)
            .join(stick::PREVIOUS_DIR)
            .join("example-riverside.json"),
    )
    .ok()
}

/// `previous/<id>.json` holds the pack as it was before its version rose, signed like the rest;
/// a rebuild at the same version carries it forward unchanged.
#[test]
fn previous_snapshot_is_written_on_an_upgrade_and_carried_forward_by_a_rebuild() {
    let f = Fixture::new();
    let dest = f.stick();
    assert_eq!(
        previous_of(&dest),
        None,
        "a first build has no previous version"
    );
    let report = f.build(&dest, 4, "a").unwrap();
    let bytes = previous_of(&dest).expect("previous/ after an upgrade");
    let snapshot =
        manualpack::changes::PackSnapshot::from_json(std::str::from_utf8(&bytes).unwrap()).unwrap();
    assert_eq!(snapshot.version, Some(3));
    assert_eq!(snapshot.id, "example-riverside");
    let path = "previous/example-riverside.json";
    assert!(
        report.manifest.files.iter().any(|e| e.path == path),
        "signed"
    );
    assert_eq!(pack_version(&dest, &f.trusted("a")), Some(4));
    let v4 = &report.plan.packs[0];
    assert_eq!(v4.previous, Some(stick::plan::Previous::Written));
    assert!(
        v4.change.docs.iter().any(|d| d.id == "phones-down"),
        "{:?}",
        v4.change
    );

    let rebuilt = f.build(&dest, 4, "a").unwrap();
    assert_eq!(
        rebuilt.plan.packs[0].previous,
        Some(stick::plan::Previous::Kept)
    );
    assert_eq!(previous_of(&dest), Some(bytes.clone()), "kept as it was");
    assert_eq!(pack_version(&dest, &f.trusted("a")), Some(4));

    // a previous file changed on the stick is not carried forward (and verify names it)
    let file = dest.join(stick::CONTENT_DIR).join(path);
    std::fs::write(&file, b"{}").unwrap();
    let rebuilt = f.build(&dest, 4, "a").unwrap();
    assert_eq!(rebuilt.plan.packs[0].previous, None);
    assert_eq!(previous_of(&dest), None);
    assert_eq!(pack_version(&dest, &f.trusted("a")), Some(4));
}

/// The packs must pass `manualpack check` before anything is written; --allow-errors builds
/// anyway, and the manifest, the trusted comment, `verify` and the reader's header say so.
#[test]
fn a_pack_failing_check_is_refused_before_writing_unless_errors_are_allowed() {
    let f = Fixture::new();
    let packs = f.packs(3);
    let contacts = packs.join("example-riverside/contacts.toml");
    let text = std::fs::read_to_string(&contacts).unwrap();
    std::fs::write(&contacts, text.replacen("01632 960210", "01632 000000", 1)).unwrap();
    let dest = f.path("stick");
    let err = f.build(&dest, 3, "a").unwrap_err();
    let StickError::Rejected(plan) = &err else {
        panic!("{err}")
    };
    assert_eq!(plan.check.errors, 1);
    assert!(
        plan.check.human().contains("error[MP050]"),
        "{}",
        plan.check.human()
    );
    assert_eq!(plan.refused[0].kind, stick::plan::RefusalKind::CheckErrors);
    assert!(err.to_string().starts_with("nothing was written"), "{err}");
    assert!(!dest.exists(), "nothing may be written");

    let mut opts = f.options(&dest, 3);
    opts.allow_errors = true;
    let report = stick::build(&opts, &f.signer("a"), &[], &mut |_, _| true).unwrap();
    assert_eq!(report.manifest.check_errors.len(), 1);
    assert!(
        report.manifest.check_errors[0].contains("contacts.toml")
            && report.manifest.check_errors[0].contains("error[MP050]"),
        "{:?}",
        report.manifest.check_errors
    );
    assert!(
        report
            .manifest
            .trusted_comment()
            .ends_with("\tBUILT WITH 1 CHECK ERROR(S) (--allow-errors)")
    );
    let findings = f.findings(&dest);
    assert!(
        matches!(&findings[..], [Finding::BuiltWithErrors { errors }] if errors.len() == 1),
        "{findings:?}"
    );
    let status = StickStatus::for_packs(
        &dest.join(stick::CONTENT_DIR).join("packs"),
        &f.trusted("a"),
        TODAY,
    )
    .unwrap();
    assert!(
        status
            .summary()
            .contains("built 2026-11-25 with 1 check error(s)"),
        "{}",
        status.summary()
    );
    assert!(
        status.short().contains("1 check errors"),
        "{}",
        status.short()
    );
    let banner = status.banner().unwrap();
    assert!(
        banner.starts_with("BUILT WITH 1 CHECK ERROR(S)"),
        "{banner}"
    );

    // fixed and rebuilt (a new version: the content changed), the record is gone
    std::fs::write(&contacts, text).unwrap();
    let toml = packs.join("example-riverside/pack.toml");
    let t = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, t.replace("version = 3", "version = 5")).unwrap();
    let report = f.build(&dest, 3, "a").unwrap();
    assert!(report.manifest.check_errors.is_empty());
    assert!(f.findings(&dest).is_empty());
}

/// Every reason to refuse is listed at once, and nothing is written.
#[test]
fn every_refusal_is_listed_at_once() {
    let f = Fixture::new();
    let dest = f.stick();
    let before = tree_hashes(&dest);
    let mut opts = f.options(&dest, 2);
    opts.remove = vec!["not-on-the-stick".into()];
    let err = stick::build(&opts, &f.signer("b"), &[], &mut |_, _| true).unwrap_err();
    let StickError::Rejected(plan) = err else {
        panic!("{err}")
    };
    let kinds: Vec<_> = plan.refused.iter().map(|r| r.kind).collect();
    use stick::plan::RefusalKind::*;
    assert_eq!(kinds, [BadRemove, Downgrade, NewKey], "{:?}", plan.refused);
    assert!(plan.refused[0].is_usage());
    assert_eq!(tree_hashes(&dest), before);
    // a dry run is the same plan, and writes nothing either
    let dry = stick::plan(&opts, &f.signer("b"), &[]).unwrap();
    assert_eq!(dry.refused, plan.refused);
    assert_eq!(tree_hashes(&dest), before);
}

fn tree_hashes(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.push((path.clone(), String::new()));
            out.extend(tree_hashes(&path));
        } else {
            let hash = sha2::Sha256::digest(std::fs::read(&path).unwrap());
            out.push((path, stick::hex(&hash)));
        }
    }
    out.sort();
    out
}

/// After a refresh that raised the version, the stick's own editions say what changed since the
/// version it held before: the binder's changes page, a read-and-signed sheet, the browser page.
#[test]
fn the_editions_on_a_refreshed_stick_say_what_changed_since_the_stick_before() {
    let f = Fixture::new();
    let dest = f.path("stick");
    let editions = stick::content::editions();
    let build = |version| {
        stick::build(
            &f.options(&dest, version),
            &f.signer("a"),
            &editions,
            &mut |_, _| true,
        )
        .unwrap()
    };
    build(3);
    let content = dest.join(stick::CONTENT_DIR);
    assert!(
        !content.join("html/changes.html").exists() || {
            let page = std::fs::read_to_string(content.join("html/changes.html")).unwrap();
            !page.contains("Found by comparing")
        }
    );
    build(4);
    let page = std::fs::read_to_string(content.join("html/changes.html")).unwrap();
    assert!(
        page.contains("Found by comparing with the previous version"),
        "{page}"
    );
    assert!(page.contains("Phones down (procedure)"), "{page}");
    let sheet = content.join("print/example-riverside/example-riverside-read-and-signed-v4.pdf");
    assert!(std::fs::read(&sheet).unwrap().starts_with(b"%PDF-"));
    let report = stick::verify(&dest, &f.trusted("a"), TODAY);
    assert!(report.ok(), "{:?}", report.findings);
}
