//! The page's components. Each reads the narrow context it needs (`Store`, `Ui`, `Commands`,
//! `Notices`, `I18n`) and turns DOM events into engine edits; none holds annotation logic.

mod article_list;
mod article_toolbar;
mod article_view;
mod drop_zone;
mod export_menu;
mod header;
mod help;
mod import_dialog;
mod notices;
mod side_panel;
mod team_panel;

pub use article_list::ArticleList;
pub use article_view::{ArticleView, OpenArticle};
pub use drop_zone::DropZone;
pub use header::Header;
pub use help::HelpOverlay;
pub use import_dialog::ImportDialog;
pub use notices::NoticeList;
pub use side_panel::SidePanel;

/// Human-readable size of a file or of storage: B, KB, MB or GB.
fn format_bytes(bytes: f64) -> String {
    const KB: f64 = 1024.0;
    if bytes < KB {
        format!("{bytes} B")
    } else if bytes < KB * KB {
        format!("{:.1} KB", bytes / KB)
    } else if bytes < KB * KB * KB {
        format!("{:.1} MB", bytes / (KB * KB))
    } else {
        format!("{:.1} GB", bytes / (KB * KB * KB))
    }
}
