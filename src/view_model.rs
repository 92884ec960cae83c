//! What the annotation view shows, computed from the article by plain functions (no DOM, no
//! signals), so it is tested natively like the engine.
//!
//! The view is one `<p>` per line of the article, each split into [`Piece`]s: runs of plain text
//! and pieces of spans. A span that crosses a line break is drawn as one piece per line. Each
//! piece knows its code-point start, which is how a DOM selection maps back to offsets.

use std::collections::BTreeMap;

use raqim_engine::span::{Span, SpanState, Zone};
use raqim_engine::stance::Stance;
use raqim_engine::text::{slice_chars, Token, TokenKind};
use raqim_engine::workspace::LabelDef;
use raqim_engine::{Label, Workspace};

/// One line of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Code-point offset of the line's first character.
    pub start: usize,
    /// Length in code points (without the newline).
    pub len: usize,
}

/// The lines of `text`.
pub fn lines(text: &str) -> Vec<Line> {
    let mut start = 0;
    text.split('\n')
        .map(|line| {
            let len = line.chars().count();
            let l = Line { start, len };
            start += len + 1;
            l
        })
        .collect()
}

/// Line ranges to draw one after another: the first holds about `first` characters, each
/// later one about `budget` (at least one line each, at most 120 lines), so drawing a chunk is
/// a short task whether the article has many short lines or a few long ones.
pub fn chunks(lines: &[Line], first: usize, budget: usize) -> Vec<std::ops::Range<usize>> {
    const MAX_LINES: usize = 120;
    let mut out = Vec::new();
    let (mut from, mut chars) = (0, 0);
    for (i, line) in lines.iter().enumerate() {
        chars += line.len + 1;
        let limit = if out.is_empty() { first } else { budget };
        if chars >= limit || i + 1 - from >= MAX_LINES {
            out.push(from..i + 1);
            from = i + 1;
            chars = 0;
        }
    }
    if from < lines.len() {
        out.push(from..lines.len());
    }
    out
}

/// A run of one line: plain text, or (part of) a span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Code points `[start, end)` of this piece.
    pub start: usize,
    pub end: usize,
    pub mark: Option<Mark>,
}

/// How a span piece is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The whole span's bounds (the piece may be part of it).
    pub span_start: usize,
    pub span_end: usize,
    pub label: Label,
    pub color: String,
    pub state: SpanState,
    /// Hover text: label, state, rule and the engine's explanation.
    pub title: String,
}

/// A line as drawn: its pieces, and whether it lies in a boilerplate zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineView {
    pub pieces: Vec<Piece>,
    pub zone: bool,
}

/// Lays out every line of an article. `show_rejected` keeps rejected suggestions visible.
pub fn layout(
    lines: &[Line],
    spans: &[Span],
    zones: &[Zone],
    labels: &[LabelDef],
    show_rejected: bool,
) -> Vec<LineView> {
    let color = |label: &str| {
        labels
            .iter()
            .find(|l| l.name == label)
            .map(|l| l.color.clone())
            .unwrap_or_else(|| "#999999".into())
    };
    let visible: Vec<&Span> = spans
        .iter()
        .filter(|s| show_rejected || s.state != SpanState::Rejected)
        .collect();
    let mut first = 0; // spans are sorted: skip those that ended before this line
    lines
        .iter()
        .map(|line| {
            let (ls, le) = (line.start, line.start + line.len);
            while first < visible.len() && visible[first].end <= ls {
                first += 1;
            }
            let mut pieces = Vec::new();
            let mut at = ls;
            for span in visible[first..].iter().take_while(|s| s.start < le) {
                let (s, e) = (span.start.max(ls), span.end.min(le));
                if s >= e {
                    continue;
                }
                if at < s {
                    pieces.push(Piece {
                        start: at,
                        end: s,
                        mark: None,
                    });
                }
                pieces.push(Piece {
                    start: s,
                    end: e,
                    mark: Some(Mark {
                        span_start: span.start,
                        span_end: span.end,
                        label: span.label.clone(),
                        color: color(&span.label),
                        state: span.state,
                        title: title(span),
                    }),
                });
                at = e;
            }
            if at < le || pieces.is_empty() {
                pieces.push(Piece {
                    start: at,
                    end: le,
                    mark: None,
                });
            }
            let zone = zones.iter().any(|z| z.start < le.max(ls + 1) && ls < z.end);
            LineView { pieces, zone }
        })
        .collect()
}

fn title(span: &Span) -> String {
    let state = match span.state {
        SpanState::Suggested => "suggested",
        SpanState::Accepted => "accepted",
        SpanState::Rejected => "rejected",
        SpanState::Analyst => "analyst",
    };
    match &span.explanation {
        Some(why) => format!("{} · {state} · {}\n{why}", span.label, span.source),
        None => format!("{} · {state} · {}", span.label, span.source),
    }
}

/// The text of a piece.
pub fn piece_text<'t>(text: &'t str, piece: &Piece) -> &'t str {
    slice_chars(text, piece.start, piece.end)
}

/// Which way a keyboard command moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Forward,
    Backward,
}

/// The span after (or before) the selected one, in reading order, skipping rejected ones;
/// wraps around. With nothing selected, the first (or last).
pub fn neighbour_span(
    spans: &[Span],
    selected: Option<(usize, usize)>,
    step: Step,
) -> Option<(usize, usize)> {
    let live: Vec<(usize, usize)> = spans
        .iter()
        .filter(|s| s.state != SpanState::Rejected)
        .map(|s| (s.start, s.end))
        .collect();
    if live.is_empty() {
        return None;
    }
    let pos = selected.and_then(|sel| live.iter().position(|&s| s == sel));
    let next = match (pos, step) {
        (None, Step::Forward) => 0,
        (None, Step::Backward) => live.len() - 1,
        (Some(i), Step::Forward) => (i + 1) % live.len(),
        (Some(i), Step::Backward) => (i + live.len() - 1) % live.len(),
    };
    Some(live[next])
}

/// Which edge of a span a resize moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// Moves one edge of `[start, end)` by one content token (words, numbers; punctuation and
/// proclitics are skipped over), keeping the span at least one token long.
pub fn step_edge(
    tokens: &[Token],
    (start, end): (usize, usize),
    edge: Edge,
    step: Step,
) -> Option<(usize, usize)> {
    let content = |t: &&Token| t.kind.is_content() && t.kind != TokenKind::Proclitic;
    match (edge, step) {
        (Edge::End, Step::Forward) => tokens
            .iter()
            .filter(content)
            .find(|t| t.start >= end)
            .map(|t| (start, t.end)),
        (Edge::End, Step::Backward) => tokens
            .iter()
            .filter(content)
            .rfind(|t| t.end < end && t.end > start)
            .map(|t| (start, t.end)),
        (Edge::Start, Step::Backward) => tokens
            .iter()
            .filter(content)
            .rfind(|t| t.end <= start)
            .map(|t| (t.start, end)),
        (Edge::Start, Step::Forward) => tokens
            .iter()
            .filter(content)
            .find(|t| t.start > start && t.start < end)
            .map(|t| (t.start, end)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raqim_engine::text::Tokenizer;
    use raqim_engine::workspace::Settings;

    const TEXT: &str = "قال فؤاد حسين\nإن والولايات المتحدة باقية.";

    fn span(start: usize, end: usize, state: SpanState) -> Span {
        Span {
            state,
            ..Span::analyst(start, end, "GPE")
        }
    }

    #[test]
    fn chunks_cover_every_line_within_their_budget() {
        let text = format!(
            "{}\n{}\n\n{}",
            "أ".repeat(50),
            "ب".repeat(500),
            "ج".repeat(20)
        );
        let ls = lines(&text);
        assert_eq!(chunks(&ls, 40, 100), vec![0..1, 1..2, 2..4]);
        let many = lines(&"س\n".repeat(300));
        let c = chunks(&many, 1_000_000, 1_000_000);
        assert_eq!(
            c.iter().map(|r| r.len()).collect::<Vec<_>>(),
            vec![120, 120, 61]
        );
        assert!(chunks(&[], 10, 10).is_empty());
    }

    #[test]
    fn lines_carry_offsets() {
        assert_eq!(
            lines(TEXT),
            vec![Line { start: 0, len: 13 }, Line { start: 14, len: 27 }]
        );
        assert_eq!(lines("a\n\nb").len(), 3);
    }

    #[test]
    fn pieces_cover_each_line_and_split_spans_at_line_breaks() {
        let labels = Settings::default().labels;
        let spans = vec![span(10, 17, SpanState::Suggested)];
        let views = layout(&lines(TEXT), &spans, &[], &labels, true);
        let first: Vec<_> = views[0]
            .pieces
            .iter()
            .map(|p| (p.start, p.end, p.mark.is_some()))
            .collect();
        assert_eq!(first, vec![(0, 10, false), (10, 13, true)]);
        let second: Vec<_> = views[1]
            .pieces
            .iter()
            .map(|p| (p.start, p.end, p.mark.is_some()))
            .collect();
        assert_eq!(second, vec![(14, 17, true), (17, 41, false)]);
        assert_eq!(views[1].pieces[0].mark.as_ref().unwrap().span_start, 10);
    }

    #[test]
    fn rejected_spans_are_hidden_unless_asked() {
        let labels = Settings::default().labels;
        let spans = vec![span(4, 8, SpanState::Rejected)];
        assert_eq!(
            layout(&lines(TEXT), &spans, &[], &labels, false)[0]
                .pieces
                .len(),
            1
        );
        assert_eq!(
            layout(&lines(TEXT), &spans, &[], &labels, true)[0]
                .pieces
                .len(),
            3
        );
    }

    #[test]
    fn tab_order_wraps_and_skips_rejected() {
        let spans = vec![
            span(0, 3, SpanState::Analyst),
            span(4, 8, SpanState::Rejected),
            span(9, 13, SpanState::Suggested),
        ];
        assert_eq!(neighbour_span(&spans, None, Step::Forward), Some((0, 3)));
        assert_eq!(
            neighbour_span(&spans, Some((0, 3)), Step::Forward),
            Some((9, 13))
        );
        assert_eq!(
            neighbour_span(&spans, Some((9, 13)), Step::Forward),
            Some((0, 3))
        );
        assert_eq!(
            neighbour_span(&spans, Some((0, 3)), Step::Backward),
            Some((9, 13))
        );
    }

    #[test]
    fn edges_step_by_content_tokens() {
        let tokens = Tokenizer::default().tokenize(TEXT);
        // "فؤاد" → "فؤاد حسين" → back.
        assert_eq!(
            step_edge(&tokens, (4, 8), Edge::End, Step::Forward),
            Some((4, 13))
        );
        assert_eq!(
            step_edge(&tokens, (4, 13), Edge::End, Step::Backward),
            Some((4, 8))
        );
        assert_eq!(
            step_edge(&tokens, (4, 8), Edge::End, Step::Backward),
            None,
            "never empty"
        );
        assert_eq!(
            step_edge(&tokens, (4, 13), Edge::Start, Step::Backward),
            Some((0, 13))
        );
        // The proclitic و is skipped: the start moves from الولايات's start back to "إن".
        let alw = 18; // "الولايات" starts after "إن و"
        assert_eq!(
            step_edge(&tokens, (alw, 34), Edge::Start, Step::Backward),
            Some((14, 34))
        );
    }
}

/// The sentence containing `[start, end)`: from the previous sentence end (. ! ? ؟ or a line
/// break) to the next one, trimmed. Used as a speaker stance's evidence.
pub fn sentence_around(text: &str, start: usize, end: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '؟' | '\n');
    let from = chars[..start.min(chars.len())]
        .iter()
        .rposition(|&c| is_end(c))
        .map_or(0, |i| i + 1);
    let to = chars[end.min(chars.len())..]
        .iter()
        .position(|&c| is_end(c))
        .map_or(chars.len(), |i| end + i + 1);
    chars[from..to.min(chars.len())]
        .iter()
        .collect::<String>()
        .trim()
        .to_owned()
}

/// One speaker's stances toward one target, over every mention in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SpeakerSummary {
    /// The speaker as first written.
    pub name: String,
    /// The target's name.
    pub target: String,
    /// How many mentions carry each stance.
    pub counts: Vec<(Stance, usize)>,
}

/// "Who stands where": speaker stances aggregated by speaker (mentions with the same folded
/// text are one speaker) and target, across all articles.
pub fn who_stands_where(ws: &Workspace) -> Vec<SpeakerSummary> {
    let mut groups: BTreeMap<(String, String), (String, BTreeMap<Stance, usize>)> = BTreeMap::new();
    for article in &ws.articles {
        for s in &article.speakers {
            let name = slice_chars(&article.text, s.start, s.end).to_owned();
            let key = (raqim_engine::text::fold(&name), s.target.clone());
            let entry = groups.entry(key).or_insert_with(|| (name, BTreeMap::new()));
            *entry.1.entry(s.stance).or_default() += 1;
        }
    }
    groups
        .into_iter()
        .map(|((_, target), (name, counts))| SpeakerSummary {
            name,
            target: ws
                .settings
                .targets
                .iter()
                .find(|t| t.id == target)
                .map_or(target, |t| t.name.clone()),
            counts: counts.into_iter().collect(),
        })
        .collect()
}

/// Each learned rule with its hits: the spans in the workspace that carry its form and label —
/// suggested, accepted or drawn for an entity rule, rejected for a suppression.
pub fn learned_hits(ws: &Workspace) -> Vec<(raqim_engine::rules::LearnedRule, usize)> {
    use raqim_engine::rules::LearnedKind;
    let mut forms: BTreeMap<(String, Label, bool), usize> = BTreeMap::new();
    for article in &ws.articles {
        for span in &article.spans {
            let form = raqim_engine::text::fold(slice_chars(&article.text, span.start, span.end));
            *forms
                .entry((form, span.label.clone(), span.state == SpanState::Rejected))
                .or_default() += 1;
        }
    }
    ws.learned
        .iter()
        .map(|rule| {
            let key = (
                raqim_engine::text::fold(&rule.pattern),
                rule.label.clone(),
                rule.kind == LearnedKind::Suppress,
            );
            (rule.clone(), forms.get(&key).copied().unwrap_or(0))
        })
        .collect()
}

#[cfg(test)]
mod sentence_tests {
    #[test]
    fn sentence_around_a_mention() {
        let text = "مقدمة. قال فؤاد حسين إن القوات باقية. خاتمة";
        assert_eq!(
            super::sentence_around(text, 11, 20),
            "قال فؤاد حسين إن القوات باقية."
        );
    }
}
