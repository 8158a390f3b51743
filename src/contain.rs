//! Containment: a panic while rendering one document (from our code or a dependency) must not
//! take the program down. [`contained`] runs a closure, turns a panic into an error message, and
//! keeps the panic quiet (no message over the screen, and the terminal is not restored by the
//! TUI's panic hook, since the program goes on).

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
    static MESSAGE: Cell<Option<String>> = const { Cell::new(None) };
}

static HOOK: Once = Once::new();

/// Wrap the current panic hook so that panics inside [`contained`] are recorded instead of
/// reported. Call after any other hook is installed (the TUI's restores the terminal); calling it
/// again after a new hook was installed wraps that one too.
pub fn install_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if CONTAINED.with(Cell::get) {
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".into());
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            MESSAGE.with(|m| m.set(Some(format!("{msg}{at}"))));
        } else {
            previous(info);
        }
    }));
}

/// Run `f`; a panic inside becomes `Err(message)`.
pub fn contained<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    HOOK.call_once(install_hook);
    let was = CONTAINED.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(was));
    result.map_err(|_| {
        let msg = MESSAGE
            .with(Cell::take)
            .unwrap_or_else(|| "unknown error".into());
        crate::sanitize::clean_line(&msg)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_and_the_program_goes_on() {
        let r: Result<(), String> = contained(|| panic!("boom {}", 1));
        let err = r.expect_err("contained");
        assert!(err.starts_with("boom 1 at "), "{err}");
        assert_eq!(contained(|| 2 + 2), Ok(4));
    }
}
