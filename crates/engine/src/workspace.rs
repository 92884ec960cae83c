//! The workspace and the only way it changes: [`Edit`] values applied by [`Workspace::apply`].
//!
//! Every analyst action is data. The page turns DOM events into edits; the same values feed the
//! autosave journal, undo/redo and tests. `apply` is pure — no clock, no IO — so a sequence of
//! edits replayed on the same workspace always gives the same result.

use serde::{Deserialize, Serialize};

use crate::article::{Article, ArticleId};

/// Everything an analyst has loaded and decided, in one place.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// Articles in the order they were added.
    pub articles: Vec<Article>,
    /// The article open in the annotation view.
    pub selected: Option<ArticleId>,
}

/// One analyst action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    /// Add a decoded article (refused if the same content is already loaded).
    AddArticle { article: Box<Article> },
    /// Remove one article and everything annotated on it.
    RemoveArticle { id: ArticleId },
    /// Remove every article.
    Clear,
    /// Open an article in the annotation view.
    Select { id: Option<ArticleId> },
}

/// Why an edit was not applied. Nothing changed when one is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The same content is already loaded, under this file name.
    Duplicate { existing_file: String },
    /// The edit names an article that is not in the workspace.
    UnknownArticle(ArticleId),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Duplicate { existing_file } => {
                write!(f, "the same text is already loaded as “{existing_file}”")
            }
            Refusal::UnknownArticle(id) => write!(f, "no article {id} in this workspace"),
        }
    }
}

/// What an applied edit touched, so callers persist only that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Touched {
    /// One article's record changed (or was added).
    Article(ArticleId),
    /// One article was removed.
    Removed(ArticleId),
    /// Everything was removed.
    All,
    /// Only workspace-level state (selection) changed.
    Meta,
}

impl Workspace {
    /// Looks an article up by id.
    pub fn article(&self, id: &ArticleId) -> Option<&Article> {
        self.articles.iter().find(|a| &a.id == id)
    }

    /// The article open in the annotation view.
    pub fn selected_article(&self) -> Option<&Article> {
        self.selected.as_ref().and_then(|id| self.article(id))
    }

    /// Applies one edit. On refusal the workspace is unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Touched, Refusal> {
        match edit {
            Edit::AddArticle { article } => {
                if let Some(existing) = self.article(&article.id) {
                    return Err(Refusal::Duplicate { existing_file: existing.file.clone() });
                }
                let id = article.id.clone();
                self.articles.push(*article);
                if self.selected.is_none() {
                    self.selected = Some(id.clone());
                }
                Ok(Touched::Article(id))
            }
            Edit::RemoveArticle { id } => {
                let pos = self
                    .articles
                    .iter()
                    .position(|a| a.id == id)
                    .ok_or_else(|| Refusal::UnknownArticle(id.clone()))?;
                self.articles.remove(pos);
                if self.selected.as_ref() == Some(&id) {
                    let next = pos.min(self.articles.len().saturating_sub(1));
                    self.selected = self.articles.get(next).map(|a| a.id.clone());
                }
                Ok(Touched::Removed(id))
            }
            Edit::Clear => {
                self.articles.clear();
                self.selected = None;
                Ok(Touched::All)
            }
            Edit::Select { id } => {
                if let Some(id) = &id {
                    if self.article(id).is_none() {
                        return Err(Refusal::UnknownArticle(id.clone()));
                    }
                }
                self.selected = id;
                Ok(Touched::Meta)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    fn article(text: &str, file: &str) -> Box<Article> {
        Box::new(Article::new(file, text.as_bytes(), decode(text.as_bytes()).unwrap(), 0))
    }

    #[test]
    fn add_select_remove_clear() {
        let mut ws = Workspace::default();
        let a = article("بغداد", "a.txt");
        let b = article("دمشق", "b.txt");
        let (ida, idb) = (a.id.clone(), b.id.clone());
        ws.apply(Edit::AddArticle { article: a }).unwrap();
        ws.apply(Edit::AddArticle { article: b }).unwrap();
        assert_eq!(ws.selected, Some(ida.clone()), "the first article opens by itself");
        ws.apply(Edit::Select { id: Some(idb.clone()) }).unwrap();
        ws.apply(Edit::RemoveArticle { id: idb }).unwrap();
        assert_eq!(ws.selected, Some(ida), "removing the open article opens a neighbour");
        ws.apply(Edit::Clear).unwrap();
        assert!(ws.articles.is_empty() && ws.selected.is_none());
    }

    #[test]
    fn duplicates_are_refused_and_change_nothing() {
        let mut ws = Workspace::default();
        ws.apply(Edit::AddArticle { article: article("بغداد", "a.txt") }).unwrap();
        let before = ws.clone();
        let refusal = ws.apply(Edit::AddArticle { article: article("بغداد", "again.txt") });
        assert_eq!(refusal, Err(Refusal::Duplicate { existing_file: "a.txt".into() }));
        assert_eq!(ws, before);
    }

    #[test]
    fn edits_round_trip_through_json() {
        let edit = Edit::Select { id: Some(ArticleId("abc".into())) };
        let json = serde_json::to_string(&edit).unwrap();
        assert_eq!(json, r#"{"edit":"select","id":"abc"}"#);
        assert_eq!(serde_json::from_str::<Edit>(&json).unwrap(), edit);
    }
}
