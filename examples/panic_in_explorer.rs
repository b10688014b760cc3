//! Enters the explorer's full-screen terminal exactly as `errdex` does, draws one frame, then
//! panics: the end-to-end tests run it in tmux to prove the panic hook restores the terminal.

use errdex::tui::terminal;

fn main() -> std::io::Result<()> {
    terminal::install_panic_hook();
    let mut term = terminal::enter(true)?;
    term.draw(|f| f.render_widget(ratatui::widgets::Paragraph::new("about to panic"), f.area()))?;
    panic!("a deliberate panic inside the full-screen terminal");
}
