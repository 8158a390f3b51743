//! Contacts: phone numbers that could not be dialled, duplicates, and the contacts every pack
//! needs (a key contact, an IT or cyber contact).

use super::review::key_position_from;
use super::{Diagnostic, PackFiles, codes};
use crate::pack::Pack;
use crate::pack::contacts::{PHONE_FIELDS, phone_chars_ok};
use crate::sanitize::dial_digits;

/// What is wrong with a phone number, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneVerdict {
    Ok,
    /// Cannot be dialled as written.
    Wrong(String),
    /// Can be dialled but is probably not meant (premium rate, written with 00).
    Unusual(String),
}

/// UK emergency and service numbers that are dialled as they are.
const SHORT_NUMBERS: &[&str] = &["999", "112", "111", "101", "105", "119"];

/// Judge a phone number by UK numbering: `01`/`02`/`03`/`05`/`07`/`08` shapes and digit counts,
/// `+44` written numbers, and short service numbers.
pub fn judge_phone(number: &str) -> PhoneVerdict {
    use PhoneVerdict::{Ok, Unusual, Wrong};
    let trimmed = number.trim();
    if trimmed.is_empty() {
        return Wrong("the number is empty".into());
    }
    if !phone_chars_ok(trimmed) {
        // reported by the loader (MP013, or MP035 for hidden characters)
        return Ok;
    }
    if trimmed[1..].contains('+') {
        return Wrong("'+' can only start a number".into());
    }
    // "+44 (0)20 ..." is a common way of writing it; the (0) is not dialled
    let digits = dial_digits(trimmed);
    let national = if let Some(international) = digits.strip_prefix('+') {
        let Some(uk) = international.strip_prefix("44") else {
            return match international.len() {
                8..=15 => Ok,
                n => Wrong(format!(
                    "an international number has 8 to 15 digits, this one {n}"
                )),
            };
        };
        if uk.starts_with('0') {
            return Wrong("after +44 the number does not start with 0".into());
        }
        format!("0{uk}")
    } else {
        digits
    };
    if SHORT_NUMBERS.contains(&national.as_str())
        || national.len() == 6 && national.starts_with("116")
    {
        return Ok;
    }
    if national.starts_with("00") {
        return Unusual(
            "written with 00; write +country code so it works from a mobile too".into(),
        );
    }
    let n = national.len();
    let Some(rest) = national.strip_prefix('0') else {
        return Wrong(format!(
            "a UK number starts with 0 or +44; {n} digits without a leading 0 cannot be dialled"
        ));
    };
    let expect = |ok: bool, want: &str| {
        if ok {
            Ok
        } else {
            Wrong(format!(
                "a number starting 0{} has {want} digits, this one {n}",
                &rest[..1]
            ))
        }
    };
    match rest.chars().next() {
        Some('1') if n == 10 => Unusual(
            "only a few areas have 10-digit numbers starting 01: check no digit is missing".into(),
        ),
        Some('1') => expect(n == 11, "11 (a few areas 10)"),
        Some('2' | '3' | '7') => expect(n == 11, "11"),
        Some('5') => expect(n == 11, "11"),
        Some('8') => expect(
            n == 11 || n == 10 && (rest.starts_with("800") || rest.starts_with("808")),
            "11 (0800: 10 or 11)",
        ),
        Some('9') if n == 11 => Unusual("09 numbers are premium rate".into()),
        Some('9') => expect(false, "11"),
        _ => Wrong(format!(
            "no UK number starts with {}",
            &national[..2.min(n)]
        )),
    }
}

/// Check the contacts of a pack and the practice's own number.
pub fn check(pack: &Pack, files: Option<&PackFiles>, out: &mut Vec<Diagnostic>) {
    let file = format!("{}/contacts.toml", pack.id);
    let mut seen: Vec<(String, usize)> = Vec::new();
    for c in &pack.contacts {
        for (field, _) in PHONE_FIELDS {
            let value = match *field {
                "phone" => &c.phone,
                "mobile" => &c.mobile,
                _ => &c.out_of_hours,
            };
            let Some(number) = value else { continue };
            let at = files
                .and_then(|f| key_position_from(f, "contacts.toml", field, c.line))
                .unwrap_or((c.line, 1));
            push_verdict(
                out,
                &file,
                at,
                &format!("`{field}` of \"{}\"", c.name),
                number,
            );
        }
        let key = c.name.trim().to_lowercase();
        match seen.iter().find(|(name, _)| *name == key) {
            Some((_, first)) => out.push(
                Diagnostic::new(
                    codes::DUPLICATE_CONTACT,
                    &file,
                    format!("\"{}\" is listed twice (first on line {first})", c.name),
                )
                .at(c.line, 1)
                .help("merge the two entries so there is one place to update the number"),
            ),
            None => seen.push((key, c.line)),
        }
    }
    if let Some(phone) = &pack.meta.practice.phone {
        let pack_file = format!("{}/pack.toml", pack.id);
        let at = files
            .and_then(|f| key_position_from(f, "pack.toml", "phone", 1))
            .unwrap_or((0, 0));
        push_verdict(out, &pack_file, at, "the practice's `phone`", phone);
    }
    if pack.contacts.is_empty() {
        return;
    }
    if pack.key_contacts().next().is_none() {
        out.push(
            Diagnostic::new(codes::NO_KEY_CONTACT, &file, "no contact has key = true")
                .help("mark the first numbers to ring (IT service desk, practice manager) with key = true: they stay on screen"),
        );
    }
    if !pack.contacts.iter().any(is_it_contact) {
        out.push(
            Diagnostic::new(codes::NO_IT_CONTACT, &file, "no IT or cyber contact")
                .help("add the IT service desk or cyber incident line, with \"IT\" or \"cyber\" in its name, role or group"),
        );
    }
}

fn push_verdict(
    out: &mut Vec<Diagnostic>,
    file: &str,
    at: (usize, usize),
    what: &str,
    number: &str,
) {
    let (code, why) = match judge_phone(number) {
        PhoneVerdict::Ok => return,
        PhoneVerdict::Wrong(why) => (codes::PHONE_SHAPE, why),
        PhoneVerdict::Unusual(why) => (codes::PHONE_UNUSUAL, why),
    };
    out.push(
        Diagnostic::new(code, file, format!("{what} \"{number}\": {why}"))
            .at(at.0, at.1)
            .help("write the number as it is dialled from the practice, e.g. 01632 960123 or +44 20 7946 0123"),
    );
}

/// True when a contact looks like IT support or a cyber incident line.
pub fn is_it_contact(c: &crate::pack::Contact) -> bool {
    let fields = [Some(&c.name), c.role.as_ref(), Some(&c.group)];
    fields.into_iter().flatten().any(|text| {
        let lower = text.to_lowercase();
        lower.contains("cyber")
            || lower.contains("service desk")
            || lower.contains("helpdesk")
            || text
                .split(|ch: char| !ch.is_alphanumeric())
                .any(|w| w == "IT")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_shapes_pass() {
        for ok in [
            "01632 960000",
            "020 7946 0101",
            "07700 900123",
            "0300 123 4567",
            "0800 123 456",
            "0800 123 4567",
            "+44 20 7946 0101",
            "+44 (0)20 7946 0101",
            "999",
            "111",
            "116 123",
            "(01632) 960000",
            "+33 1 23 45 67 89",
        ] {
            assert_eq!(judge_phone(ok), PhoneVerdict::Ok, "{ok}");
        }
    }

    #[test]
    fn wrong_shapes_fail() {
        for bad in [
            "020 7946 01011",
            "07700 90012",
            "1632 960000",
            "+44 020 7946 0101",
            "0600 123 4567",
            "12+34",
            "",
        ] {
            assert!(matches!(judge_phone(bad), PhoneVerdict::Wrong(_)), "{bad}");
        }
        assert!(matches!(
            judge_phone("0906 123 4567"),
            PhoneVerdict::Unusual(_)
        ));
        assert!(matches!(
            judge_phone("01632 96001"),
            PhoneVerdict::Unusual(_)
        ));
        assert!(matches!(
            judge_phone("0033 1 23 45 67 89"),
            PhoneVerdict::Unusual(_)
        ));
    }
}
