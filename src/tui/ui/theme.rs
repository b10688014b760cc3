//! Styles from ANSI colour names and `Reset`, so errdex reads well on light and dark terminals.
//! Without colour (`NO_COLOR`) the same meaning is carried by modifiers alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

/// Which terminal background the colours are chosen for (`theme` in the config file).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Palette {
    /// Light text on a dark background.
    #[default]
    Dark,
    /// Dark text on a light background: no yellow or cyan, which fade on white.
    Light,
}

impl Theme {
    /// The accent colour: highlights and keys.
    fn accent(&self) -> Color {
        match self.palette {
            Palette::Dark => Color::Yellow,
            Palette::Light => Color::Magenta,
        }
    }

    /// The colour of labels and the focused border.
    fn frame(&self) -> Color {
        match self.palette {
            Palette::Dark => Color::Cyan,
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
            Style::new().fg(self.accent()).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn label(&self) -> Style {
        if self.color {
            Style::new().fg(self.frame())
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(self.frame()),
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
            Style::new().fg(self.accent())
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
}
