//! Styles from ANSI colour names and `Reset`, so errdex reads well on light and dark terminals.
//! Nothing a user must read is yellow or cyan, which vanish on a light background: emphasis is
//! bold, underline or reverse video, and the colours used (magenta, blue, red, green) keep
//! their contrast on white and on black. Without colour (`NO_COLOR`, `TERM=dumb`) the same
//! meaning is carried by modifiers alone.

use crate::tui::background::Palette;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

impl Theme {
    /// The accent colour: highlights and keys.
    fn accent(&self) -> Color {
        match self.palette {
            Palette::Dark | Palette::Auto => Color::LightMagenta,
            Palette::Light => Color::Magenta,
        }
    }

    /// The colour of labels and the focused border.
    fn frame(&self) -> Color {
        match self.palette {
            Palette::Dark | Palette::Auto => Color::LightBlue,
            Palette::Light => Color::Blue,
        }
    }

    pub fn base(&self) -> Style {
        Style::new().fg(Color::Reset).bg(Color::Reset)
    }

    /// The selected row: reversed video is visible with and without colour.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Characters the query matched.
    pub fn matched(&self) -> Style {
        if self.color {
            Style::new()
                .fg(self.accent())
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn label(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// A link (the source URL): underlined, as terminals show links.
    pub fn link(&self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(self.frame()).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => Style::new().add_modifier(Modifier::DIM),
        }
    }

    pub fn warning(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Red)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn good(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Green)
        } else {
            Style::new()
        }
    }

    pub fn key(&self) -> Style {
        if self.color {
            Style::new().fg(self.accent()).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
}
