//! Classifying link destinations: which links lead to a document of the pack, which stay inside
//! the pack, which are harmless external links, and which are refused.

use crate::document::LinkTarget;

/// Longest link destination accepted; longer ones are refused.
pub const MAX_LINK_LEN: usize = 2048;

/// Classify a link destination written in a document that lives in folder `dir` of its pack
/// (`"procedures"`, `"forms"`, or `""` for the pack root).
pub fn classify(raw: &str, dir: &str) -> LinkTarget {
    let url = raw.trim();
    if url.len() > MAX_LINK_LEN {
        return refused(format!("link is longer than {MAX_LINK_LEN} characters"));
    }
    if url.is_empty() {
        return refused("empty link");
    }
    if url.chars().any(|c| c.is_control()) {
        return refused("link holds control characters");
    }
    if let Some(anchor) = url.strip_prefix('#') {
        return LinkTarget::Anchor(percent_decode(anchor));
    }
    if let Some(scheme) = scheme_of(url) {
        if scheme.len() == 1 {
            return refused("a drive-letter path leaves the pack");
        }
        return match scheme.to_ascii_lowercase().as_str() {
            "https" | "mailto" | "tel" => LinkTarget::External(url.to_string()),
            other => refused(format!(
                "'{other}:' links are never followed (only https, mailto and tel are)"
            )),
        };
    }
    if url.starts_with('/') || url.starts_with('\\') {
        return refused("an absolute path leaves the pack");
    }
    let (path, anchor) = match url.split_once('#') {
        Some((p, a)) => (p, Some(percent_decode(a))),
        None => (url, None),
    };
    let path = percent_decode(path.split('?').next().unwrap_or(path));
    let mut parts: Vec<String> = dir
        .split('/')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return refused("the path leaves the pack");
                }
            }
            p if p.contains(':') => return refused("a path with ':' leaves the pack"),
            p => parts.push(p.to_string()),
        }
    }
    if parts.is_empty() {
        return refused("the link leads to no file");
    }
    let joined = parts.join("/");
    let is_doc = parts.len() == 2
        && matches!(parts[0].as_str(), "procedures" | "forms")
        && parts[1].to_ascii_lowercase().ends_with(".md");
    if is_doc {
        let file = &parts[1];
        let id = file[..file.len() - 3].to_string();
        return LinkTarget::Document { id, anchor };
    }
    LinkTarget::File(joined)
}

fn refused(reason: impl Into<String>) -> LinkTarget {
    LinkTarget::Refused(reason.into())
}

/// The scheme of a URL (`https` in `https://x`), if it has one.
fn scheme_of(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)))
        .then_some(scheme)
}

/// Decode `%XX` escapes; invalid escapes and non-UTF-8 results are kept as written.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, anchor: Option<&str>) -> LinkTarget {
        LinkTarget::Document {
            id: id.into(),
            anchor: anchor.map(Into::into),
        }
    }

    #[test]
    fn documents_resolve_from_their_folder() {
        assert_eq!(
            classify("phones-down.md", "procedures"),
            doc("phones-down", None)
        );
        assert_eq!(
            classify("../forms/message-slip.md#details", "procedures"),
            doc("message-slip", Some("details"))
        );
        assert_eq!(classify("procedures/x.md", ""), doc("x", None));
        assert_eq!(
            classify("#steps", "procedures"),
            LinkTarget::Anchor("steps".into())
        );
        assert_eq!(
            classify("../images/map.png", "procedures"),
            LinkTarget::File("images/map.png".into())
        );
    }

    #[test]
    fn links_that_leave_the_pack_are_refused() {
        for bad in [
            "../../etc/passwd",
            "/etc/passwd",
            "C:\\Windows\\x.md",
            "\\\\server\\share\\x.md",
            "javascript:alert(1)",
            "http://example.com",
            "file:///etc/passwd",
            "data:text/html,x",
            "",
        ] {
            assert!(
                matches!(classify(bad, "procedures"), LinkTarget::Refused(_)),
                "{bad} was not refused"
            );
        }
        assert!(matches!(
            classify(&"a".repeat(3000), ""),
            LinkTarget::Refused(_)
        ));
    }

    #[test]
    fn safe_schemes_are_external() {
        for ok in [
            "https://example.nhs.uk",
            "mailto:a@example.com",
            "tel:01632960000",
        ] {
            assert_eq!(classify(ok, ""), LinkTarget::External(ok.into()));
        }
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(classify("my%20doc.md", "forms"), doc("my doc", None));
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }
}
