use super::*;

fn file(path: &str, text: &str) -> SourceFile {
    let mut problems = Vec::new();
    SourceFile::decode(path, path, text.as_bytes(), &mut problems)
}

const PACK: &str = "schema = 1\n[practice]\nname = \"Test Surgery\"\n[pack]\nversion = 2\nreviewed = 2026-01-01\nnext_review = 2026-06-01\n[[triage]]\nlabel = \"Phones\"\nopen = \"phones\"\n";

#[test]
fn a_pack_loads_from_files() {
    let pack = Pack::from_files(
        "test",
        vec![
            file("pack.toml", PACK),
            file(
                "contacts.toml",
                "[[contact]]\nname = \"Desk\"\nphone = \"01632 960001\"\nkey = true\n",
            ),
            file("procedures/phones.md", "# Phones down\n"),
            file("forms/slip.md", "+++\ntitle = \"Slip\"\n+++\nbody\n"),
        ],
        Vec::new(),
    );
    assert!(pack.problems.is_empty(), "{:?}", pack.problems);
    assert_eq!(pack.meta.practice.name, "Test Surgery");
    assert_eq!(pack.meta.version, Some(2));
    assert_eq!(
        pack.docs
            .iter()
            .map(|d| d.title.as_str())
            .collect::<Vec<_>>(),
        ["Phones down", "Slip"]
    );
    assert_eq!(pack.key_contacts().count(), 1);
    assert!(pack.meta.review_overdue(jiff::civil::date(2026, 6, 2)));
    assert!(!pack.meta.review_overdue(jiff::civil::date(2026, 6, 1)));
}

#[test]
fn missing_and_mistyped_keys_are_reported_with_lines() {
    let src = "[practice]\nnmae = \"X\"\n[pack]\nversion = \"3\"\nreviewed = \"2026-01-01\"\nnext_review = 2026-13-01\n";
    let pack = Pack::from_files("t", vec![file("pack.toml", src)], Vec::new());
    let text: Vec<String> = pack.problems.iter().map(ToString::to_string).collect();
    let all = text.join("\n");
    assert!(
        all.contains(
            "t/pack.toml:2:1: warning[MP004]: unknown key `nmae` in [practice]; did you mean `name`?"
        ),
        "{all}"
    );
    assert!(
        all.contains("t/pack.toml:1:1: error[MP003]: missing required key `name`"),
        "{all}"
    );
    assert!(
        all.contains(
            "t/pack.toml:4:11: error[MP002]: `version` should be a whole number, not string"
        ),
        "{all}"
    );
    assert!(all.contains("reviewed = 2026-01-01"), "{all}");
    assert!(all.contains("no contacts.toml"), "{all}");
}

#[test]
fn bad_phone_characters_point_at_the_first_bad_character() {
    let src = "[[contact]]\nname = \"A\"\n\n  phone = \"01632 96O001\"\n";
    let mut problems = Vec::new();
    let contacts = contacts::read("p/contacts.toml", src, &mut problems);
    assert_eq!(contacts.len(), 1);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code, codes::PHONE_CHARS.id);
    // the letter O, not the key
    assert_eq!((problems[0].line, problems[0].column), (4, 20));
    assert!(problems[0].message.contains("96O001"));
}

#[test]
fn hidden_characters_in_numbers_are_their_own_error_at_the_character() {
    let src = "[[contact]]\nname = \"A\"\nphone = \"01632 960600\\u001b[8m\"\n\
               mobile = \"07700\u{200b} 900123\"\nwhatsapp = \"07700 900124\\u202E\"\n\
               out_of_hours = \"020 7946 0101\"\n";
    let mut problems = Vec::new();
    let contacts = contacts::read("p/contacts.toml", src, &mut problems);
    let found: Vec<_> = problems
        .iter()
        .map(|p| (p.code, p.line, p.column, p.severity))
        .collect();
    let hidden = codes::PHONE_HIDDEN.id;
    let error = crate::problem::Severity::Error;
    assert_eq!(
        found,
        [
            (hidden, 3, 22, error),
            (hidden, 4, 16, error),
            (hidden, 5, 25, error)
        ],
        "{problems:#?}"
    );
    assert!(
        problems[0].message.contains("U+001B (escape)"),
        "{problems:#?}"
    );
    assert!(problems[1].message.contains("U+200B (zero-width space)"));
    assert!(problems[0].help.contains("retype"));
    // the contact still loads, its numbers sanitised
    let c = &contacts[0];
    assert_eq!(c.phone.as_deref(), Some("01632 960600<ESC>[8m"));
    assert_eq!(c.mobile.as_deref(), Some("07700<U+200B> 900123"));
    assert_eq!(c.out_of_hours.as_deref(), Some("020 7946 0101"));
}

#[test]
fn the_practice_phone_is_read_like_a_contact_number() {
    let src = "[practice]\nname = \"X\"\nphone = \"01632 9600O1\"\n";
    let pack = Pack::from_files("t", vec![file("pack.toml", src)], Vec::new());
    let p = pack
        .problems
        .iter()
        .find(|p| p.code == codes::PHONE_CHARS.id)
        .expect("MP013");
    assert_eq!((p.line, p.column), (3, 20));
}

#[test]
fn invalid_utf8_opens_with_an_error_at_its_position() {
    let mut problems = Vec::new();
    let f = SourceFile::decode(
        "procedures/x.md",
        "p/procedures/x.md",
        b"# ok\nab\xffcd\n",
        &mut problems,
    );
    assert!(f.text.contains('\u{FFFD}'));
    assert_eq!((problems[0].line, problems[0].column), (2, 3));
}

#[test]
fn crlf_files_read_like_lf_files() {
    let pack = Pack::from_files(
        "t",
        vec![file("pack.toml", &PACK.replace('\n', "\r\n"))],
        Vec::new(),
    );
    assert_eq!(pack.meta.practice.name, "Test Surgery");
    assert_eq!(pack.meta.triage.len(), 1);
}

#[test]
fn pack_ids_are_lowercase_letters_digits_and_dashes() {
    assert!(is_valid_pack_id("riverside-2"));
    assert!(!is_valid_pack_id("Riverside"));
    assert!(!is_valid_pack_id(""));
}

#[test]
fn a_packs_root_opens_every_pack_and_a_symlink_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    for id in ["a", "b"] {
        let p = dir.path().join(id);
        std::fs::create_dir_all(p.join("procedures")).expect("mkdir");
        std::fs::write(p.join("pack.toml"), PACK).expect("write");
        std::fs::write(p.join("procedures/phones.md"), "# P\n").expect("write");
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("a/procedures/passwd.md"))
        .expect("symlink");
    let set = PackSet::open(dir.path(), &Limits::default());
    assert_eq!(set.packs.len(), 2);
    #[cfg(unix)]
    assert!(
        set.packs[0]
            .problems
            .iter()
            .any(|p| p.message.contains("symbolic link"))
    );
    assert_eq!(set.packs[0].docs.len(), 1);
}

#[test]
fn an_oversized_document_is_cut_with_a_notice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    std::fs::create_dir_all(p.join("procedures")).expect("mkdir");
    std::fs::write(p.join("pack.toml"), PACK).expect("write");
    std::fs::write(p.join("procedures/phones.md"), "word\n".repeat(1000)).expect("write");
    let limits = Limits {
        doc_bytes: 1000,
        ..Limits::default()
    };
    let set = PackSet::open(p, &limits);
    let pack = &set.packs[0];
    assert!(
        pack.problems
            .iter()
            .any(|p| p.message.contains("only the start is shown"))
    );
    let text = crate::layout::layout(&pack.docs[0].doc, 80).to_text();
    assert!(text.contains("WARNING") && text.contains("only the start is shown"));
}
