//! Inter-annotator agreement between two annotators' versions of the same articles.
//!
//! Articles are paired by id without any `@annotator` ([`super::merge::base_of`]), i.e. by the
//! SHA-256 of their text; articles only one annotator has are listed, not scored.
//!
//! # Spans
//!
//! The spans compared are the entities each annotator would export (suggested, accepted and
//! drawn; rejected suggestions are not entities). Agreement is pairwise F1, the usual measure
//! for span annotation where chance agreement is undefined (Hripcsak & Rothschild, 2005):
//! B's spans are scored against A's, so **precision** = matched / |B|, **recall** = matched /
//! |A| and **F1** = 2·matched / (|A| + |B|), which is symmetric. Two ways of matching:
//!
//! - **exact**: same start, end and label;
//! - **overlap**: same label and at least one shared character, each span matched at most
//!   once (spans of one annotator never overlap, so matching left to right is optimal).
//!
//! When neither annotator has a span, P = R = F1 = 1 (they agree there is nothing); when only
//! one has, all three are 0. Per article and overall (micro: counts summed over articles, so
//! long articles weigh more), and overall per label.
//!
//! # Document stance
//!
//! Cohen's κ = (p_o − p_e) / (1 − p_e) over the (article, target) pairs both annotators
//! labelled, with p_o the share of equal labels and p_e = Σ_k p_A(k)·p_B(k) from each
//! annotator's own label distribution; per target and pooled over targets. κ is undefined
//! (`None`) with no item, or when p_e = 1 (both used one and the same label throughout).
//!
//! # Disagreements
//!
//! Every span not matched exactly is listed once, paired with the other annotator's span it
//! overlaps when there is one: a different **label** on the same bounds, different **bounds**
//! with the same label, or both (**overlap**); else it is **only A** or **only B**. Stance
//! differences (including one annotator leaving a target unlabelled) are listed too.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::merge::{annotator_of, base_of};
use crate::article::{Article, ArticleId};
use crate::order;
use crate::span::{Label, Span};
use crate::stance::Stance;
use crate::text::slice_chars;
use crate::workspace::Workspace;

/// Span counts of one comparison.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Spans of annotator A.
    pub a: usize,
    /// Spans of annotator B.
    pub b: usize,
    /// Pairs matched.
    pub matched: usize,
}

impl Counts {
    fn ratio(&self, over: usize) -> f64 {
        if self.a + self.b == 0 {
            1.0
        } else if over == 0 {
            0.0
        } else {
            self.matched as f64 / over as f64
        }
    }

    /// B's spans that A has too.
    pub fn precision(&self) -> f64 {
        self.ratio(self.b)
    }

    /// A's spans that B has too.
    pub fn recall(&self) -> f64 {
        self.ratio(self.a)
    }

    /// 2·matched / (|A| + |B|).
    pub fn f1(&self) -> f64 {
        if self.a + self.b == 0 {
            1.0
        } else {
            2.0 * self.matched as f64 / (self.a + self.b) as f64
        }
    }

    fn add(&mut self, other: Counts) {
        self.a += other.a;
        self.b += other.b;
        self.matched += other.matched;
    }

    fn to_json(self) -> Value {
        json!({
            "a": self.a, "b": self.b, "matched": self.matched,
            "precision": round3(self.precision()), "recall": round3(self.recall()), "f1": round3(self.f1()),
        })
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A span as a disagreement shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanRef {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub text: String,
}

impl SpanRef {
    fn new(s: &Span, text: &str) -> SpanRef {
        SpanRef {
            start: s.start,
            end: s.end,
            label: s.label.clone(),
            text: slice_chars(text, s.start, s.end).to_owned(),
        }
    }

    fn to_json(&self) -> Value {
        json!({"start": self.start, "end": self.end, "label": self.label, "text": self.text})
    }
}

/// One place where the annotators differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disagreement {
    /// A span only annotator A has (B has nothing overlapping it).
    OnlyA(SpanRef),
    /// A span only annotator B has.
    OnlyB(SpanRef),
    /// The same bounds, different labels.
    Label { a: SpanRef, b: SpanRef },
    /// The same label, different (overlapping) bounds.
    Bounds { a: SpanRef, b: SpanRef },
    /// Overlapping spans with different bounds and labels.
    Overlap { a: SpanRef, b: SpanRef },
    /// Different document stances toward a target (`None`: not labelled).
    Stance {
        target: String,
        a: Option<Stance>,
        b: Option<Stance>,
    },
}

impl Disagreement {
    /// A short name of the kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Disagreement::OnlyA(_) => "only A",
            Disagreement::OnlyB(_) => "only B",
            Disagreement::Label { .. } => "label",
            Disagreement::Bounds { .. } => "bounds",
            Disagreement::Overlap { .. } => "overlap",
            Disagreement::Stance { .. } => "stance",
        }
    }

    /// Where it is (code points), for sorting; stances come first.
    pub fn position(&self) -> (usize, usize) {
        match self {
            Disagreement::OnlyA(s) | Disagreement::OnlyB(s) => (s.start, s.end),
            Disagreement::Label { a, b }
            | Disagreement::Bounds { a, b }
            | Disagreement::Overlap { a, b } => (a.start.min(b.start), a.end.max(b.end)),
            Disagreement::Stance { .. } => (0, 0),
        }
    }

    fn to_json(&self) -> Value {
        let stance = |s: &Option<Stance>| s.map(Stance::as_str);
        match self {
            Disagreement::OnlyA(s) => json!({"kind": "only_a", "a": s.to_json()}),
            Disagreement::OnlyB(s) => json!({"kind": "only_b", "b": s.to_json()}),
            Disagreement::Label { a, b } => {
                json!({"kind": "label", "a": a.to_json(), "b": b.to_json()})
            }
            Disagreement::Bounds { a, b } => {
                json!({"kind": "bounds", "a": a.to_json(), "b": b.to_json()})
            }
            Disagreement::Overlap { a, b } => {
                json!({"kind": "overlap", "a": a.to_json(), "b": b.to_json()})
            }
            Disagreement::Stance { target, a, b } => {
                json!({"kind": "stance", "target": target, "a": stance(a), "b": stance(b)})
            }
        }
    }

    fn describe(&self) -> String {
        let span = |s: &SpanRef| format!("{}–{} {} «{}»", s.start, s.end, s.label, s.text);
        let stance = |s: &Option<Stance>| s.map_or("—", Stance::as_str);
        match self {
            Disagreement::OnlyA(s) => format!("only A   {}", span(s)),
            Disagreement::OnlyB(s) => format!("only B   {}", span(s)),
            Disagreement::Label { a, b }
            | Disagreement::Bounds { a, b }
            | Disagreement::Overlap { a, b } => {
                format!("{:<8} A {}  ≠  B {}", self.kind(), span(a), span(b))
            }
            Disagreement::Stance { target, a, b } => {
                format!("stance   {target}: A {}  ≠  B {}", stance(a), stance(b))
            }
        }
    }
}

/// Agreement on one article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleAgreement {
    /// The article id (without `@annotator`).
    pub id: ArticleId,
    /// Annotator A's file name.
    pub file: String,
    pub exact: Counts,
    pub overlap: Counts,
    /// Per label: (exact, overlap).
    pub labels: BTreeMap<Label, (Counts, Counts)>,
    /// Document stance per target: (A, B), for every target either labelled.
    pub stances: BTreeMap<String, (Option<Stance>, Option<Stance>)>,
    /// Sorted by position; stance differences first.
    pub disagreements: Vec<Disagreement>,
}

/// Cohen's κ and what it is made of.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Kappa {
    /// Items both annotators labelled.
    pub n: usize,
    /// Observed agreement p_o.
    pub observed: f64,
    /// Chance agreement p_e.
    pub expected: f64,
    /// (p_o − p_e) / (1 − p_e); `None` when undefined.
    pub kappa: Option<f64>,
}

impl Kappa {
    fn to_json(self) -> Value {
        json!({"n": self.n, "observed": round3(self.observed), "expected": round3(self.expected), "kappa": self.kappa.map(round3)})
    }
}

/// Cohen's κ of paired labels.
pub fn cohen_kappa<T: Ord + Copy>(pairs: &[(T, T)]) -> Kappa {
    let n = pairs.len();
    if n == 0 {
        return Kappa::default();
    }
    let mut a: BTreeMap<T, usize> = BTreeMap::new();
    let mut b: BTreeMap<T, usize> = BTreeMap::new();
    let mut same = 0;
    for &(x, y) in pairs {
        *a.entry(x).or_default() += 1;
        *b.entry(y).or_default() += 1;
        same += usize::from(x == y);
    }
    let nf = n as f64;
    let observed = same as f64 / nf;
    let expected: f64 = a
        .iter()
        .map(|(k, ca)| (*ca as f64 / nf) * (*b.get(k).unwrap_or(&0) as f64 / nf))
        .sum();
    let kappa = ((1.0 - expected).abs() > 1e-12).then(|| (observed - expected) / (1.0 - expected));
    Kappa {
        n,
        observed,
        expected,
        kappa,
    }
}

/// Agreement between two annotators over all the articles they share.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Agreement {
    /// Shared articles, in A's order.
    pub articles: Vec<ArticleAgreement>,
    pub exact: Counts,
    pub overlap: Counts,
    /// Per label, over all articles: (exact, overlap).
    pub labels: BTreeMap<Label, (Counts, Counts)>,
    /// κ per stance target.
    pub stance: BTreeMap<String, Kappa>,
    /// κ pooled over every target.
    pub stance_overall: Kappa,
    /// Articles only A has, and only B has (file names).
    pub only_a: Vec<String>,
    pub only_b: Vec<String>,
}

/// Matches spans one to one; returns the matched pairs (indices into `a` and `b`).
fn matches(a: &[&Span], b: &[&Span], fits: impl Fn(&Span, &Span) -> bool) -> Vec<(usize, usize)> {
    let mut used = vec![false; b.len()];
    let mut out = Vec::new();
    for (i, x) in a.iter().enumerate() {
        if let Some(j) = (0..b.len()).find(|&j| !used[j] && fits(x, b[j])) {
            used[j] = true;
            out.push((i, j));
        }
    }
    out
}

fn entities(a: &Article) -> Vec<&Span> {
    a.spans.iter().filter(|s| s.state.is_entity()).collect()
}

/// Agreement between A's and B's versions of one article.
pub fn compare(a: &Article, b: &Article) -> ArticleAgreement {
    let (sa, sb) = (entities(a), entities(b));
    let exact_pairs = matches(&sa, &sb, |x, y| {
        x.start == y.start && x.end == y.end && x.label == y.label
    });
    let overlap_pairs = matches(&sa, &sb, |x, y| {
        x.label == y.label && x.overlaps(y.start, y.end)
    });
    let mut labels: BTreeMap<Label, (Counts, Counts)> = BTreeMap::new();
    for s in &sa {
        let e = labels.entry(s.label.clone()).or_default();
        e.0.a += 1;
        e.1.a += 1;
    }
    for s in &sb {
        let e = labels.entry(s.label.clone()).or_default();
        e.0.b += 1;
        e.1.b += 1;
    }
    for &(i, _) in &exact_pairs {
        labels.entry(sa[i].label.clone()).or_default().0.matched += 1;
    }
    for &(i, _) in &overlap_pairs {
        labels.entry(sa[i].label.clone()).or_default().1.matched += 1;
    }
    let counts = |m: usize| Counts {
        a: sa.len(),
        b: sb.len(),
        matched: m,
    };

    let mut disagreements = Vec::new();
    let targets = order::set(a.stances.keys().chain(b.stances.keys()));
    let mut stances = BTreeMap::new();
    for t in targets {
        let pair = (a.stances.get(t).copied(), b.stances.get(t).copied());
        if pair.0 != pair.1 {
            disagreements.push(Disagreement::Stance {
                target: t.clone(),
                a: pair.0,
                b: pair.1,
            });
        }
        stances.insert(t.clone(), pair);
    }
    let exact_a = order::set(exact_pairs.iter().map(|p| p.0));
    let exact_b = order::set(exact_pairs.iter().map(|p| p.1));
    let mut paired_b = BTreeSet::new();
    let mut spans = Vec::new();
    for (_, x) in sa.iter().enumerate().filter(|(i, _)| !exact_a.contains(i)) {
        let others: Vec<usize> = (0..sb.len())
            .filter(|j| !exact_b.contains(j) && sb[*j].overlaps(x.start, x.end))
            .collect();
        let ra = SpanRef::new(x, &a.text);
        if others.is_empty() {
            spans.push(Disagreement::OnlyA(ra));
            continue;
        }
        for j in others {
            paired_b.insert(j);
            let y = sb[j];
            let rb = SpanRef::new(y, &b.text);
            let same_bounds = x.start == y.start && x.end == y.end;
            spans.push(match (same_bounds, x.label == y.label) {
                (true, _) => Disagreement::Label {
                    a: ra.clone(),
                    b: rb,
                },
                (false, true) => Disagreement::Bounds {
                    a: ra.clone(),
                    b: rb,
                },
                (false, false) => Disagreement::Overlap {
                    a: ra.clone(),
                    b: rb,
                },
            });
        }
    }
    for (j, y) in sb.iter().enumerate() {
        if !exact_b.contains(&j) && !paired_b.contains(&j) {
            spans.push(Disagreement::OnlyB(SpanRef::new(y, &b.text)));
        }
    }
    order::sort_by_key(&mut spans, Disagreement::position);
    disagreements.extend(spans);
    ArticleAgreement {
        id: base_of(&a.id),
        file: a.file.clone(),
        exact: counts(exact_pairs.len()),
        overlap: counts(overlap_pairs.len()),
        labels,
        stances,
        disagreements,
    }
}

/// Agreement between annotator A's articles and annotator B's, paired by article.
pub fn agreement<'a>(
    a: impl IntoIterator<Item = &'a Article>,
    b: impl IntoIterator<Item = &'a Article>,
) -> Agreement {
    let b: Vec<&Article> = b.into_iter().collect();
    let mut by_id: BTreeMap<ArticleId, &Article> = BTreeMap::new();
    for x in &b {
        by_id.entry(base_of(&x.id)).or_insert(x);
    }
    let mut out = Agreement::default();
    let mut seen = BTreeSet::new();
    let mut stance_items: BTreeMap<String, Vec<(Stance, Stance)>> = BTreeMap::new();
    for x in a {
        let id = base_of(&x.id);
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(y) = by_id.get(&id) else {
            out.only_a.push(x.file.clone());
            continue;
        };
        let one = compare(x, y);
        out.exact.add(one.exact);
        out.overlap.add(one.overlap);
        for (label, (e, o)) in &one.labels {
            let entry = out.labels.entry(label.clone()).or_default();
            entry.0.add(*e);
            entry.1.add(*o);
        }
        for (target, pair) in &one.stances {
            if let (Some(sa), Some(sb)) = pair {
                stance_items
                    .entry(target.clone())
                    .or_default()
                    .push((*sa, *sb));
            }
        }
        out.articles.push(one);
    }
    out.only_b = b
        .iter()
        .filter(|y| !seen.contains(&base_of(&y.id)))
        .map(|y| y.file.clone())
        .collect();
    let pooled: Vec<(Stance, Stance)> = stance_items.values().flatten().copied().collect();
    out.stance_overall = cohen_kappa(&pooled);
    out.stance = order::map(
        stance_items
            .into_iter()
            .map(|(t, items)| (t, cohen_kappa(&items))),
    );
    out
}

/// The workspace's articles by annotator: the articles themselves under `mine`, each annotator
/// layer under its annotator.
pub fn annotators<'a>(ws: &'a Workspace, mine: &str) -> BTreeMap<String, Vec<&'a Article>> {
    let mut out: BTreeMap<String, Vec<&Article>> = BTreeMap::new();
    for a in &ws.articles {
        let who = annotator_of(&a.id).unwrap_or(mine).to_owned();
        out.entry(who).or_default().push(a);
    }
    out
}

impl Agreement {
    /// A plain-text report: per article, overall, per label, stance κ and the disagreements.
    pub fn table(&self, name_a: &str, name_b: &str) -> String {
        let mut out = format!(
            "A = {name_a}, B = {name_b}: {} articles in common, {} only in A, {} only in B\n\n",
            self.articles.len(),
            self.only_a.len(),
            self.only_b.len()
        );
        out.push_str(&format!(
            "{:<28} {:>4} {:>4} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}\n",
            "article / label", "A", "B", "P", "R", "F1", "P~", "R~", "F1~"
        ));
        let row = |name: &str, e: Counts, o: Counts| {
            let name: String = name.chars().take(28).collect();
            format!(
                "{:<28} {:>4} {:>4} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3}\n",
                name,
                e.a,
                e.b,
                e.precision(),
                e.recall(),
                e.f1(),
                o.precision(),
                o.recall(),
                o.f1()
            )
        };
        for a in &self.articles {
            out.push_str(&row(&a.file, a.exact, a.overlap));
        }
        out.push_str(&row("overall", self.exact, self.overlap));
        for (label, (e, o)) in &self.labels {
            out.push_str(&row(&format!("  {label}"), *e, *o));
        }
        out.push_str("(exact match; ~ = overlapping spans with the same label)\n\n");
        out.push_str("document stance, Cohen's κ:\n");
        let kappa = |k: &Kappa| k.kappa.map_or("n/a".to_owned(), |x| format!("{x:.3}"));
        for (target, k) in &self.stance {
            out.push_str(&format!(
                "  {target:<26} n={:<4} p_o={:.3} p_e={:.3} κ={}\n",
                k.n,
                k.observed,
                k.expected,
                kappa(k)
            ));
        }
        let k = &self.stance_overall;
        out.push_str(&format!(
            "  {:<26} n={:<4} p_o={:.3} p_e={:.3} κ={}\n\n",
            "all targets",
            k.n,
            k.observed,
            k.expected,
            kappa(k)
        ));
        let total: usize = self.articles.iter().map(|a| a.disagreements.len()).sum();
        out.push_str(&format!("disagreements: {total}\n"));
        for a in &self.articles {
            for d in &a.disagreements {
                out.push_str(&format!("  {}  {}\n", a.file, d.describe()));
            }
        }
        out
    }

    /// The report as JSON.
    pub fn to_json(&self) -> Value {
        let labels = |l: &BTreeMap<Label, (Counts, Counts)>| -> Value {
            l.iter()
                .map(|(k, (e, o))| {
                    (
                        k.to_string(),
                        json!({"exact": e.to_json(), "overlap": o.to_json()}),
                    )
                })
                .collect::<serde_json::Map<_, _>>()
                .into()
        };
        json!({
            "overall": {"exact": self.exact.to_json(), "overlap": self.overlap.to_json()},
            "labels": labels(&self.labels),
            "stance": {
                "targets": self.stance.iter().map(|(t, k)| (t.clone(), k.to_json())).collect::<serde_json::Map<_, _>>(),
                "overall": self.stance_overall.to_json(),
            },
            "only_a": self.only_a,
            "only_b": self.only_b,
            "articles": self.articles.iter().map(|a| json!({
                "id": a.id.0, "file": a.file,
                "exact": a.exact.to_json(), "overlap": a.overlap.to_json(),
                "labels": labels(&a.labels),
                "disagreements": a.disagreements.iter().map(Disagreement::to_json).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::import::test_article as art;
    use crate::span::SpanState;

    #[test]
    fn kappa_by_hand() {
        use Stance::*;
        // 2×2: A favor/against 5/5, B 6/4; 4 + 3 agree. p_o = .7, p_e = .5·.6 + .5·.4 = .5,
        // κ = .2 / .5 = .4.
        let mut pairs = vec![(Favor, Favor); 4];
        pairs.push((Favor, Against));
        pairs.extend([(Against, Favor); 2]);
        pairs.extend([(Against, Against); 3]);
        let k = cohen_kappa(&pairs);
        assert_eq!(k.n, 10);
        assert!((k.observed - 0.7).abs() < 1e-12);
        assert!((k.expected - 0.5).abs() < 1e-12);
        assert!((k.kappa.unwrap() - 0.4).abs() < 1e-12);
        // 3×3 (counts A rows × B columns):
        //            favor against neutral
        //   favor      10     2      3      = 15
        //   against     1     8      1      = 10
        //   neutral     4     0      6      = 10
        //   column     15    10     10        n = 35
        // p_o = 24/35; p_e = (15·15 + 10·10 + 10·10)/35² = 425/1225; κ = (840 − 425)/(1225 − 425)
        // = 415/800 = 0.51875.
        let table = [
            (Favor, Favor, 10),
            (Favor, Against, 2),
            (Favor, Neutral, 3),
            (Against, Favor, 1),
            (Against, Against, 8),
            (Against, Neutral, 1),
            (Neutral, Favor, 4),
            (Neutral, Neutral, 6),
        ];
        let pairs: Vec<(Stance, Stance)> = table
            .iter()
            .flat_map(|&(a, b, n)| std::iter::repeat_n((a, b), n))
            .collect();
        let k = cohen_kappa(&pairs);
        assert!((k.observed - 24.0 / 35.0).abs() < 1e-12);
        assert!((k.expected - 425.0 / 1225.0).abs() < 1e-12);
        assert!((k.kappa.unwrap() - 0.51875).abs() < 1e-12);
        // Undefined: nothing to compare, or one label throughout.
        assert_eq!(cohen_kappa::<Stance>(&[]).kappa, None);
        assert_eq!(cohen_kappa(&[(Favor, Favor), (Favor, Favor)]).kappa, None);
        // Perfect disagreement on two labels used equally: κ = −1.
        let k = cohen_kappa(&[(Favor, Against), (Against, Favor)]);
        assert_eq!(k.kappa, Some(-1.0));
    }

    #[test]
    fn span_f1_exact_and_overlap_by_hand() {
        // text: "زار فؤاد حسين والولايات المتحدة وبغداد ودمشق"
        //        0   4        13 14 15              30 31 32 37 38 39 43
        let text = "زار فؤاد حسين والولايات المتحدة وبغداد ودمشق";
        // A: PER فؤاد حسين, GPE الولايات المتحدة, GPE بغداد, LOC دمشق
        let a = art(
            text,
            &[
                (4, 13, "PER"),
                (15, 31, "GPE"),
                (33, 38, "GPE"),
                (40, 44, "LOC"),
            ],
        );
        // B: PER فؤاد (bounds), GPE الولايات المتحدة (exact), ORG بغداد (label), nothing on
        //    دمشق, plus GPE زار (only B); and a rejected span, which does not count.
        let mut b = art(
            text,
            &[
                (0, 3, "GPE"),
                (4, 8, "PER"),
                (15, 31, "GPE"),
                (33, 38, "ORG"),
            ],
        );
        b.spans.push(Span {
            state: SpanState::Rejected,
            ..Span::analyst(40, 44, "LOC")
        });
        let r = compare(&a, &b);
        // exact: 1 of |A| = 4, |B| = 4: P = R = F1 = .25
        assert_eq!(
            r.exact,
            Counts {
                a: 4,
                b: 4,
                matched: 1
            }
        );
        assert_eq!(
            (r.exact.precision(), r.exact.recall(), r.exact.f1()),
            (0.25, 0.25, 0.25)
        );
        // overlap: + PER فؤاد ~ فؤاد حسين = 2: F1 = 4/8 = .5
        assert_eq!(
            r.overlap,
            Counts {
                a: 4,
                b: 4,
                matched: 2
            }
        );
        assert_eq!(r.overlap.f1(), 0.5);
        assert_eq!(
            r.labels["GPE"].0,
            Counts {
                a: 2,
                b: 2,
                matched: 1
            }
        );
        assert_eq!(
            r.labels["ORG"].0,
            Counts {
                a: 0,
                b: 1,
                matched: 0
            }
        );
        let kinds: Vec<&str> = r.disagreements.iter().map(Disagreement::kind).collect();
        assert_eq!(kinds, ["only B", "bounds", "label", "only A"]);
        assert_eq!(
            r.disagreements[3],
            Disagreement::OnlyA(SpanRef {
                start: 40,
                end: 44,
                label: "LOC".into(),
                text: "دمشق".into()
            })
        );
        // Nothing on either side is perfect agreement; one side empty is none.
        let empty = art(text, &[]);
        assert_eq!(compare(&empty, &empty).exact.f1(), 1.0);
        let one_sided = compare(&a, &empty).exact;
        assert_eq!(
            (one_sided.precision(), one_sided.recall(), one_sided.f1()),
            (0.0, 0.0, 0.0)
        );
    }

    #[test]
    fn overall_is_micro_and_pairs_by_article() {
        use Stance::*;
        let t1 = "زار فؤاد حسين بغداد";
        let t2 = "وصل الوفد إلى دمشق";
        let t3 = "نص لم يقرأه إلا واحد";
        let mut a1 = art(t1, &[(4, 13, "PER"), (14, 19, "GPE")]);
        let mut b1 = art(t1, &[(4, 13, "PER")]);
        let mut a2 = art(t2, &[(14, 18, "GPE")]);
        let mut b2 = art(t2, &[(14, 18, "GPE")]);
        a1.stances.insert("t".into(), Favor);
        b1.stances.insert("t".into(), Favor);
        a2.stances.insert("t".into(), Against);
        b2.stances.insert("t".into(), Favor);
        b2.stances.insert("u".into(), Neutral);
        b2.id = super::super::merge::layer_id(&b2.id, "bob");
        let a3 = art(t3, &[]);
        let r = agreement([&a1, &a2, &a3], [&b2, &b1]);
        assert_eq!(r.articles.len(), 2);
        assert_eq!(r.only_a, ["a.txt"]);
        // exact: matched 1 + 1 of |A| 3, |B| 2 → P 1, R 2/3, F1 4/5
        assert_eq!(
            r.exact,
            Counts {
                a: 3,
                b: 2,
                matched: 2
            }
        );
        assert!((r.exact.f1() - 0.8).abs() < 1e-12);
        // stance t: (favor, favor), (against, favor) → p_o .5, p_e = .5·1 = .5 → κ = 0
        assert_eq!(r.stance["t"].kappa, Some(0.0));
        assert!(!r.stance.contains_key("u"), "only B labelled u");
        let d2: Vec<&str> = r.articles[1]
            .disagreements
            .iter()
            .map(Disagreement::kind)
            .collect();
        assert_eq!(d2, ["stance", "stance"]);
        let table = r.table("anna", "bob");
        assert!(
            table.contains("overall") && table.contains("κ=0.000"),
            "{table}"
        );
        assert_eq!(r.to_json()["overall"]["exact"]["f1"], 0.8);
    }
}
