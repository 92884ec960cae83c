//! `raqim`: the rule engine on the command line — the same code the page runs.
//!
//! Arguments are parsed by hand: a few subcommands with a handful of flags do not justify a
//! dependency, and the help text below is the whole interface.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use raqim_engine::decode::{decode, Decoded};
use raqim_engine::formats::import::{import_with, ImportOptions, Offsets};
use raqim_engine::formats::{agreement, merge, Export, Format, Imported};
use raqim_engine::hash::sha256_hex;
use raqim_engine::rules::eval::{evaluate, parse_records, Record};
use raqim_engine::rules::RulePack;
use raqim_engine::workspace::{LabelDef, Settings, Workspace, PALETTE};
use raqim_engine::{Engine, EngineBuilder, Suggestions};
use serde::Serialize;
use serde_json::{json, Value};

mod line;

const HELP: &str = "\
raqim — Arabic news entity suggestions (the Raqim rule engine, natively)

USAGE:
    raqim annotate FILE... [--rules PACK.jsonl]... [--no-default-pack] [--stats]
    raqim eval --gold G... --pred P... [--json]
    raqim rules export [--rules PACK.jsonl]... [--no-default-pack]
    raqim convert --to FORMAT FILE... [--from FORMAT] [--offsets UNIT]
    raqim agree FILE... [--json] [--from FORMAT] [--offsets UNIT]
    raqim help

COMMANDS:
    annotate   Prints one JSON line per FILE in Raqim's export format: text,
               meta {file, sha256, encoding}, tokens [{text, start, end, id, ws}],
               spans [{start, end, token_start, token_end, label, text, source, id}].
               Offsets are code points (Python str indices); token_end is inclusive.
               Files may be in any encoding Raqim reads (UTF-8/16, windows-1256, ISO-8859-6).
               --stats adds one JSON line on stderr at the end: {files, bytes, spans,
               suggest_ms, pack_build_ms}, the engine's own time on the texts already
               read and decoded (what a benchmark compares with other matchers).
    eval       Precision, recall and F1 per label and overall, for exact spans and for
               spans equal after dropping proclitics (relaxed, marked ~). G and P are
               files or directories of .json/.jsonl: one JSON object, a JSON array or
               JSONL, records with spans [{start, end, label}] and text or a sha256
               (gold `text_sha256`, export `meta.sha256`) to pair them by.
    rules export
               Prints the rule pack as spaCy EntityRuler pattern JSONL
               ({\"label\", \"pattern\", \"id\"}). Context-only (ambiguous) patterns are
               left out: spaCy's ruler would fire them without their context.
    convert    Reads annotated FILEs (Raqim/Prodigy JSONL or `raqim annotate`
               output, doccano JSONL, Label Studio JSON; detected per file) and
               prints them as FORMAT: raqim (Raqim JSONL, code points), doccano
               (JSONL, UTF-16 offsets as doccano counts them), label-studio (task
               JSON, code points as Label Studio counts them), conll (IOB2, one
               token per line, proclitics separate, -DOCSTART- per article),
               label-studio-config (the labeling config for those labels and
               stance targets). The same article from several files or annotators
               is kept once per annotator (id@annotator). Records that cannot be
               read are reported on stderr with their line numbers and skipped.
    agree      Inter-annotator agreement. Each FILE is one annotator's export
               (named by the file, unless records name their annotator, as Label
               Studio's completed_by does); every pair of annotators is compared
               on the articles both have: span P/R/F1, exact and overlapping,
               per article, overall and per label; Cohen's kappa of document
               stance; the list of disagreements.

OPTIONS:
    --rules PACK.jsonl    Adds a pack in spaCy pattern JSONL (repeatable). Lines the
                          engine cannot use are reported on stderr with their numbers.
    --no-default-pack     Leaves out the built-in pack.
    --json                (eval, agree) Prints JSON instead of a table.
    --to FORMAT           (convert) raqim | doccano | label-studio | conll |
                          label-studio-config.
    --from FORMAT         Reads FILEs as raqim | doccano | label-studio instead of
                          detecting the format.
    --offsets UNIT        Unit of doccano offsets read: utf-16 (default, what
                          doccano writes) or code-points (files made in Python).
    -h, --help            Prints this help.

EXAMPLE:
    cargo run --release --bin raqim -- annotate article.txt > pred.jsonl
    cargo run --release --bin raqim -- eval --gold gold/ --pred pred.jsonl
    raqim convert --to label-studio pred.jsonl > tasks.json
    raqim agree anna.jsonl bob.jsonl
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        // `raqim annotate … | head`: the reader has all it wants.
        Err(Failure::Closed) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("raqim: {message}\n\nRun `raqim --help` for usage.");
            ExitCode::from(2)
        }
    }
}

/// Why a command stopped early.
enum Failure {
    /// Bad arguments or unreadable inputs: reported with a pointer to `--help`.
    Usage(String),
    /// Standard output was closed.
    Closed,
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Usage(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Failure {
        Failure::Usage(message.to_owned())
    }
}

/// Writes to standard output; any failure (a closed pipe) ends the command quietly.
fn emit(text: &str) -> Result<(), Failure> {
    emit_bytes(text.as_bytes())
}

fn emit_bytes(bytes: &[u8]) -> Result<(), Failure> {
    std::io::stdout()
        .lock()
        .write_all(bytes)
        .map_err(|_| Failure::Closed)
}

/// Parsed flags shared by the subcommands.
#[derive(Default)]
struct Options {
    positional: Vec<String>,
    rules: Vec<PathBuf>,
    gold: Vec<PathBuf>,
    pred: Vec<PathBuf>,
    no_default_pack: bool,
    json: bool,
    stats: bool,
    to: Option<String>,
    from: Option<String>,
    offsets: Option<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "--rules" => o.rules.push(value("--rules")?),
            "--gold" => o.gold.push(value("--gold")?),
            "--pred" => o.pred.push(value("--pred")?),
            "--to" | "--from" | "--offsets" => {
                let v = value(arg)?.to_string_lossy().into_owned();
                match arg.as_str() {
                    "--to" => o.to = Some(v),
                    "--from" => o.from = Some(v),
                    _ => o.offsets = Some(v),
                }
            }
            "--no-default-pack" => o.no_default_pack = true,
            "--json" => o.json = true,
            "--stats" => o.stats = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ => o.positional.push(arg.clone()),
        }
    }
    Ok(o)
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") || args[0] == "help" {
        emit(HELP)?;
        return Ok(ExitCode::SUCCESS);
    }
    let o = parse(&args[1..])?;
    match args[0].as_str() {
        "annotate" => annotate(&o),
        "eval" => eval(&o),
        "rules" => match o.positional.first().map(String::as_str) {
            Some("export") => export(&o),
            _ => Err("`raqim rules` needs a subcommand: `raqim rules export`".into()),
        },
        "convert" => convert(&o),
        "agree" => agree(&o),
        other => Err(format!("unknown command `{other}`").into()),
    }
}

/// The packs from `--rules`, with refused lines reported on stderr.
fn user_packs(o: &Options) -> Result<Vec<RulePack>, String> {
    o.rules
        .iter()
        .map(|path| {
            let src = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let name = path
                .file_stem()
                .map_or("rules".into(), |s| s.to_string_lossy().into_owned());
            let (pack, errors) = RulePack::from_jsonl(name, &src);
            for e in errors {
                eprintln!(
                    "raqim: {}:{}: {} (line skipped)",
                    path.display(),
                    e.line,
                    e.message
                );
            }
            Ok(pack)
        })
        .collect()
}

/// The engine the options ask for.
fn engine(o: &Options) -> Result<Engine, String> {
    engine_with(o, Engine::builder())
}

fn engine_with(o: &Options, builder: EngineBuilder) -> Result<Engine, String> {
    let mut builder = builder.default_pack(!o.no_default_pack);
    for pack in user_packs(o)? {
        builder = builder.pack(pack);
    }
    Ok(builder.build())
}

fn annotate(o: &Options) -> Result<ExitCode, Failure> {
    if o.positional.is_empty() {
        return Err("`raqim annotate` needs at least one FILE".into());
    }
    let started = Instant::now();
    // The lines carry no explanations, so the engine does not write them.
    let engine = engine_with(o, Engine::builder().explain(false))?;
    let mut stats = Stats {
        pack_build_ms: started.elapsed().as_secs_f64() * 1e3,
        ..Stats::default()
    };
    // Two stages on two threads: this one reads, decodes and suggests; the writer turns each
    // result into its JSON line, which costs about as much as suggesting. Overlapped, the whole
    // run takes half the time on two cores. The bounded queue keeps memory flat, and the writer
    // keeps the output (and the error messages) in the order of the files.
    let (results, queue) = std::sync::mpsc::sync_channel::<(&str, Result<Annotated, String>)>(8);
    // Written results come back to be dropped here: memory is freed by the thread that
    // allocated it, so the engine keeps reusing its own warm memory.
    let (done, written_back) = std::sync::mpsc::channel::<Annotated>();
    let written = std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> Result<ExitCode, Failure> {
            let mut code = ExitCode::SUCCESS;
            let mut out = Vec::new(); // one buffer, as large as the longest line
            for (file, result) in queue {
                match result {
                    Ok(annotated) => {
                        out.clear();
                        annotated.write_line(Path::new(file), &mut out);
                        let _ = done.send(annotated);
                        emit_bytes(&out)?;
                    }
                    Err(message) => {
                        eprintln!("raqim: {file}: {message}");
                        code = ExitCode::FAILURE;
                    }
                }
            }
            Ok(code)
        });
        for file in &o.positional {
            written_back.try_iter().for_each(drop);
            let result = annotate_file(&engine, Path::new(file), &mut stats);
            if results.send((file, result)).is_err() {
                break; // the writer stopped: standard output was closed
            }
        }
        drop(results);
        writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    if o.stats {
        eprintln!("{}", serde_json::to_string(&stats).unwrap_or_default());
    }
    written
}

/// `raqim annotate --stats`: what the engine did, and its own time.
#[derive(Serialize, Default)]
struct Stats {
    files: usize,
    /// UTF-8 bytes of the decoded texts.
    bytes: usize,
    spans: usize,
    /// Time inside `Engine::suggest`, summed over the files.
    suggest_ms: f64,
    /// Time to build the engine (default pack and `--rules`).
    pack_build_ms: f64,
}

/// One file read, decoded and suggested, on its way to the writer.
struct Annotated {
    bytes: Vec<u8>,
    decoded: Decoded,
    suggestions: Suggestions,
}

/// Reads, decodes and suggests one file; counted in `stats`.
fn annotate_file(engine: &Engine, path: &Path, stats: &mut Stats) -> Result<Annotated, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let decoded = decode(&bytes).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let suggestions = engine.suggest(&decoded.text);
    stats.suggest_ms += started.elapsed().as_secs_f64() * 1e3;
    stats.files += 1;
    stats.bytes += decoded.text.len();
    stats.spans += suggestions.spans.len();
    Ok(Annotated {
        bytes,
        decoded,
        suggestions,
    })
}

impl Annotated {
    /// Appends the line of `raqim annotate` for the file at `path`, with its newline, to `out`.
    fn write_line(&self, path: &Path, out: &mut Vec<u8>) {
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |f| f.to_string_lossy().into_owned(),
        );
        let meta = line::Meta {
            encoding: self.decoded.encoding,
            file: &file,
            sha256: &sha256_hex(&self.bytes),
        };
        line::write(out, &meta, &self.decoded.text, &self.suggestions);
    }
}

/// Every record in `paths` (files, or directories of `.json`/`.jsonl` files).
fn read_records(paths: &[PathBuf], what: &str) -> Result<Vec<Record>, String> {
    if paths.is_empty() {
        return Err(format!("`raqim eval` needs --{what}"));
    }
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries =
                std::fs::read_dir(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "jsonl"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    let mut records = Vec::new();
    for file in files {
        let src = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let mut these = parse_records(&src).map_err(|e| format!("{}: {e}", file.display()))?;
        for r in these.iter_mut().filter(|r| r.name.is_empty()) {
            r.name = file.display().to_string();
        }
        records.extend(these);
    }
    Ok(records)
}

fn eval(o: &Options) -> Result<ExitCode, Failure> {
    let gold = read_records(&o.gold, "gold")?;
    let pred = read_records(&o.pred, "pred")?;
    let report = evaluate(&gold, &pred, engine(o)?.tokenizer());
    if o.json {
        emit(&(report.to_json().to_string() + "\n"))?;
    } else {
        emit(&report.table())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn export(o: &Options) -> Result<ExitCode, Failure> {
    let mut packs = if o.no_default_pack {
        Vec::new()
    } else {
        RulePack::default_packs()
    };
    packs.extend(user_packs(o)?);
    for pack in packs.iter().filter(|p| !p.context_only) {
        emit(&pack.to_jsonl())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The import options `--from` and `--offsets` ask for.
fn import_options(o: &Options) -> Result<ImportOptions, String> {
    let format = match o.from.as_deref() {
        None => None,
        Some("raqim") => Some(Format::Raqim),
        Some("doccano") => Some(Format::Doccano),
        Some("label-studio") => Some(Format::LabelStudio),
        Some(other) => return Err(format!("unknown --from format `{other}`")),
    };
    let doccano_offsets = match o.offsets.as_deref() {
        None | Some("utf-16") => Offsets::Utf16,
        Some("code-points") => Offsets::CodePoints,
        Some(other) => return Err(format!("unknown --offsets unit `{other}`")),
    };
    Ok(ImportOptions {
        format,
        doccano_offsets,
    })
}

/// Reads the annotated FILEs: every article that loaded, with its annotator (the file's stem
/// unless a record names one), the stance targets and labels named, and whether any record or
/// file failed (each reported on stderr).
struct Loaded {
    items: Vec<Imported>,
    settings: Settings,
    failed: bool,
}

fn load(o: &Options) -> Result<Loaded, String> {
    let options = import_options(o)?;
    let mut loaded = Loaded {
        items: Vec::new(),
        settings: Settings::default(),
        failed: false,
    };
    for file in &o.positional {
        let path = Path::new(file);
        let src = match std::fs::read_to_string(path) {
            Ok(src) => src,
            Err(e) => {
                eprintln!("raqim: {file}: {e}");
                loaded.failed = true;
                continue;
            }
        };
        let report = import_with(&src, &options);
        for e in &report.errors {
            eprintln!("raqim: {file}:{}: {} (record skipped)", e.line, e.message);
        }
        loaded.failed |= !report.errors.is_empty();
        let stem = path
            .file_stem()
            .map_or_else(|| file.clone(), |s| s.to_string_lossy().into_owned());
        for target in report.targets {
            match loaded
                .settings
                .targets
                .iter_mut()
                .find(|t| t.id == target.id)
            {
                Some(known) if target.name != target.id => known.name = target.name,
                Some(_) => {}
                None => loaded.settings.targets.push(target),
            }
        }
        for label in report.labels {
            if !loaded.settings.labels.iter().any(|l| l.name == label) {
                let color = PALETTE[loaded.settings.labels.len() % PALETTE.len()].to_owned();
                loaded.settings.labels.push(LabelDef { name: label, color });
            }
        }
        loaded
            .items
            .extend(report.items.into_iter().map(|mut item| {
                item.annotator.get_or_insert_with(|| stem.clone());
                item
            }));
    }
    Ok(loaded)
}

fn convert(o: &Options) -> Result<ExitCode, Failure> {
    let to = o
        .to
        .clone()
        .ok_or("`raqim convert` needs --to raqim|doccano|label-studio|conll|label-studio-config")?;
    let format = Export::ALL
        .into_iter()
        .find(|f| f.name() == to)
        .ok_or_else(|| format!("unknown --to format `{to}`"))?;
    if o.positional.is_empty() && format != Export::LabelStudioConfig {
        return Err("`raqim convert` needs at least one FILE".into());
    }
    let loaded = load(o)?;
    // Several versions of one article become annotator layers, as in the page.
    let (ws, _) = merge::merged(
        &Workspace::default(),
        &loaded.items,
        merge::Policy::Both,
        "theirs",
    );
    let engine = Engine::builder().build();
    emit(&format.write(&ws.articles, &loaded.settings, engine.tokenizer()))?;
    Ok(if loaded.failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn agree(o: &Options) -> Result<ExitCode, Failure> {
    if o.positional.is_empty() {
        return Err("`raqim agree` needs annotated FILEs, one per annotator".into());
    }
    let loaded = load(o)?;
    // Annotators in order of appearance, each with their articles.
    let mut names: Vec<String> = Vec::new();
    for item in &loaded.items {
        let who = item.annotator.clone().unwrap_or_default();
        if !names.contains(&who) {
            names.push(who);
        }
    }
    if names.len() < 2 {
        return Err(format!("`raqim agree` needs two annotators; found {}", names.len()).into());
    }
    let of = |who: &str| -> Vec<&raqim_engine::Article> {
        loaded
            .items
            .iter()
            .filter(|i| i.annotator.as_deref() == Some(who))
            .map(|i| &i.article)
            .collect()
    };
    let mut reports = Vec::new();
    for (i, a) in names.iter().enumerate() {
        for b in &names[i + 1..] {
            reports.push((a, b, agreement::agreement(of(a), of(b))));
        }
    }
    if o.json {
        let all: Vec<Value> = reports
            .iter()
            .map(|(a, b, r)| json!({"a": a, "b": b, "agreement": r.to_json()}))
            .collect();
        emit(&(Value::Array(all).to_string() + "\n"))?;
    } else {
        let tables: Vec<String> = reports.iter().map(|(a, b, r)| r.table(a, b)).collect();
        emit(&tables.join("\n"))?;
    }
    Ok(if loaded.failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
