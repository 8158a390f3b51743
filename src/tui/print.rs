//! `p` in the reader: save the open document, or the contacts sheet, as a PDF in the printouts
//! folder and say where it went.

use super::app::{App, Screen};
use crate::pdf;

/// Write the PDF for the current screen; returns the message for the status line.
pub fn print(app: &App) -> String {
    let result = match app.screen() {
        Screen::Reader(r) => match app
            .set
            .packs
            .get(r.pack)
            .and_then(|p| p.docs.get(r.doc).map(|d| (p, d)))
        {
            Some((pack, doc)) => {
                pdf::documents(pack, &[doc]).map(|b| (format!("{}-{}.pdf", pack.id, doc.id), b))
            }
            None => return "Nothing to print here".into(),
        },
        Screen::Contacts(_) => match app.current_pack() {
            Some(pack) => {
                pdf::contacts_sheet(pack).map(|b| (format!("{}-contacts.pdf", pack.id), b))
            }
            None => return "Nothing to print here".into(),
        },
        _ => return "Open a document or the contacts to print".into(),
    };
    match result {
        Ok((name, bytes)) => match pdf::printouts::save(&name, &bytes) {
            Ok(path) => format!(
                "Saved PDF: {}",
                crate::sanitize::clean_line(&path.display().to_string())
            ),
            Err(e) => format!("Could not save the PDF: {e}"),
        },
        Err(e) => format!("Could not make the PDF: {e}"),
    }
}
