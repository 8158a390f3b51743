//! `p` in the reader: save the open document, or the contacts sheet, as a PDF in the printouts
//! folder and say where it went; `o` then opens it with the system's PDF viewer.

use super::app::{App, Screen};
use crate::pdf;
use crate::sanitize::clean_line;

/// Write the PDF for the current screen and say where it went in the status line.
pub fn print(app: &mut App) {
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
            None => return app.status = Some("Nothing to print here".into()),
        },
        Screen::Contacts(_) => match app.current_pack() {
            Some(pack) => {
                pdf::contacts_sheet(pack).map(|b| (format!("{}-contacts.pdf", pack.id), b))
            }
            None => return app.status = Some("Nothing to print here".into()),
        },
        _ => return app.status = Some("Open a document or the contacts to print".into()),
    };
    app.status = Some(match result {
        Ok((name, bytes)) => match pdf::printouts::save(&name, &bytes) {
            Ok(path) => {
                let shown = clean_line(&path.display().to_string());
                app.printout = Some(path);
                format!("Saved PDF: {shown}  (o: open it)")
            }
            Err(e) => format!("Could not save the PDF: {e}"),
        },
        Err(e) => format!("Could not make the PDF: {e}"),
    });
}

/// Open the PDF saved last with the system's viewer, without waiting for it.
pub fn open(app: &mut App) {
    app.status = Some(match &app.printout {
        None => "Press p to save a PDF first".into(),
        Some(path) => match open::that_detached(path) {
            Ok(()) => format!("Opening {}", clean_line(&path.display().to_string())),
            Err(e) => format!(
                "Could not open the PDF ({e}); open it from {}",
                clean_line(&path.display().to_string())
            ),
        },
    });
}
