//! A one-line text field with a cursor: the search query, prompts and the find bar.

use super::action::Action;

/// Longest text a field takes.
pub const MAX_CHARS: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Cursor position, in characters.
    cursor: usize,
}

/// What an action did to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text changed.
    Changed,
    /// Only the cursor moved, or nothing happened.
    Same,
    /// Backspace in an empty field: the user wants out.
    Leave,
    /// Not an editing action.
    NotMine,
}

impl TextField {
    pub const fn empty() -> TextField {
        TextField {
            text: String::new(),
            cursor: 0,
        }
    }

    pub fn with(text: &str) -> TextField {
        let mut f = TextField::default();
        for c in text.chars() {
            f.insert(c);
        }
        f
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    fn insert(&mut self, c: char) -> bool {
        if c.is_control() || self.text.chars().count() >= MAX_CHARS {
            return false;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
        true
    }

    /// Apply an editing action.
    pub fn edit(&mut self, action: Action) -> Edit {
        let len = self.text.chars().count();
        let changed = |yes: bool| if yes { Edit::Changed } else { Edit::Same };
        match action {
            Action::Type(c) => changed(self.insert(c)),
            Action::Erase if self.text.is_empty() => Edit::Leave,
            Action::Erase if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
                Edit::Changed
            }
            Action::EraseForward if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
                Edit::Changed
            }
            Action::Erase | Action::EraseForward => Edit::Same,
            Action::CursorLeft => {
                self.cursor = self.cursor.saturating_sub(1);
                Edit::Same
            }
            Action::CursorRight => {
                self.cursor = (self.cursor + 1).min(len);
                Edit::Same
            }
            Action::CursorStart => {
                self.cursor = 0;
                Edit::Same
            }
            Action::CursorEnd => {
                self.cursor = len;
                Edit::Same
            }
            _ => Edit::NotMine,
        }
    }

    /// The part of the text to show in `width` columns (keeping the cursor in view), and the
    /// cursor's column in it.
    pub fn visible(&self, width: usize) -> (String, usize) {
        let width = width.max(2);
        let chars: Vec<char> = self.text.chars().collect();
        let start = (self.cursor + 1).saturating_sub(width);
        let shown: String = chars.iter().skip(start).take(width - 1).collect();
        let column =
            crate::layout::wrap::width(&chars[start..self.cursor].iter().collect::<String>());
        (shown, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_editing_and_leaving() {
        let mut f = TextField::default();
        for c in "phnes".chars() {
            assert_eq!(f.edit(Action::Type(c)), Edit::Changed);
        }
        for _ in 0..3 {
            f.edit(Action::CursorLeft);
        }
        f.edit(Action::Type('o'));
        assert_eq!(f.text(), "phones");
        f.edit(Action::CursorEnd);
        for _ in 0..6 {
            assert_eq!(f.edit(Action::Erase), Edit::Changed);
        }
        assert_eq!(f.edit(Action::Erase), Edit::Leave);
        assert_eq!(f.edit(Action::Open), Edit::NotMine);
    }

    #[test]
    fn a_long_text_keeps_the_cursor_in_view() {
        let f = TextField::with(&"x".repeat(150));
        let (shown, col) = f.visible(20);
        assert_eq!(shown.chars().count(), 19);
        assert_eq!(col, 19);
        let f = TextField::with(&"ŵ".repeat(500));
        assert_eq!(f.text().chars().count(), MAX_CHARS);
    }
}
