//! The code's shape, read from its text (non-test code, comments left out): no import cycle
//! between its files, no file over 400 lines, no `Result<_, String>`, no clock read in
//! `platform`, and no page or component calling the Platform API itself (they call flows).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each file of `src` by its module path ("app::context"; the crate root is ""), with its
/// non-test code and its path.
fn sources() -> BTreeMap<String, (String, PathBuf)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(&root).unwrap().with_extension("");
            let mut segs: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
            if segs.last().is_some_and(|s| s == "mod") || segs == ["lib"] || segs == ["main"] {
                segs.pop();
            }
            (segs.join("::"), (code_of(&std::fs::read_to_string(&path).unwrap()), path))
        })
        .collect()
}

/// The file's code without its tests (the item after each `#[cfg(test)]` or
/// `#[cfg(all(test, …))]`: a line ending in `;`, or a block to its closing brace), each line
/// without its `//` comment.
fn code_of(text: &str) -> String {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.starts_with("#[cfg(test)]") || line.starts_with("#[cfg(all(test") {
            let mut depth = 0i32;
            for item in lines.by_ref() {
                depth += item.matches('{').count() as i32 - item.matches('}').count() as i32;
                if depth <= 0 && (item.trim_end().ends_with(';') || item.trim_end().ends_with('}')) {
                    break;
                }
            }
            continue;
        }
        out.push(match line.find("//") {
            // A `//` inside a string ("https://…") keeps the line.
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        });
    }
    out.join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every path the code names from `crate::`, `super::` or `self::` (a `use` group gives one
/// path per item).
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let b = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        if !code.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let start_ok = i == 0 || !is_ident(b[i - 1] as char) && b[i - 1] != b':';
        let head = ["crate::", "super::", "self::"].into_iter().find(|h| code[i..].starts_with(h));
        let Some(head) = head.filter(|_| start_ok) else {
            i += 1;
            continue;
        };
        let mut segs = vec![head.trim_end_matches("::").to_string()];
        // `use super::{a, b}`: the group starts right after the head.
        let mut j = i + head.len() - 2;
        loop {
            if !code[j..].starts_with("::{") {
                j += 2;
            }
            let k = code[j..].find(|c: char| !is_ident(c)).map_or(code.len(), |k| j + k);
            if k > j {
                segs.push(code[j..k].to_string());
            }
            j = k;
            if code[j..].starts_with("::{") {
                // A group: each top-level item's first segment.
                let mut depth = 0;
                let mut item = String::new();
                for c in code[j + 3..].chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            out.push(segs.iter().cloned().chain(first_segment(&item)).collect());
                            item.clear();
                            continue;
                        }
                        _ => {}
                    }
                    item.push(c);
                }
                out.push(segs.iter().cloned().chain(first_segment(&item)).collect());
                break;
            } else if code[j..].starts_with("::") {
                continue;
            } else {
                out.push(segs.clone());
                break;
            }
        }
        i = j.max(i + 1);
    }
    out
}

fn first_segment(item: &str) -> Option<String> {
    let s: String = item.trim().chars().take_while(|c| is_ident(*c)).collect();
    (!s.is_empty() && s != "self").then_some(s)
}

/// Items a module re-exports from its own submodules (`pub use context::{use_session, …}`):
/// (module, item) → the submodule that holds it.
type Reexports = BTreeMap<(String, String), String>;

fn reexports(module: &str, code: &str) -> Reexports {
    let children: BTreeSet<&str> = code
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod ").or_else(|| l.trim().strip_prefix("mod ")))
        .filter_map(|l| l.strip_suffix(';'))
        .collect();
    let mut out = Reexports::new();
    for line in code.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else { continue };
        let Some((child, items)) = rest.trim_end_matches(';').split_once("::") else { continue };
        if !children.contains(child) {
            continue;
        }
        for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
            let name =
                item.rsplit(" as ").next().unwrap_or_default().rsplit("::").next().unwrap_or_default().trim();
            if !name.is_empty() {
                let to = if module.is_empty() { child.to_string() } else { format!("{module}::{child}") };
                out.insert((module.to_string(), name.to_string()), to);
            }
        }
    }
    out
}

/// The file a path from module `from` lands in: the deepest module of it that is a file (or
/// the submodule an item re-exported there comes from).
fn resolve(
    from: &str,
    path: &[String],
    modules: &BTreeSet<String>,
    reexported: &Reexports,
) -> Option<String> {
    let mut base: Vec<&str> = if from.is_empty() { vec![] } else { from.split("::").collect() };
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        _ => {}
    }
    while rest.first().is_some_and(|s| s == "super") {
        base.pop();
        rest = &rest[1..];
    }
    let mut best = None;
    for k in 0..=rest.len() {
        let cand: Vec<&str> = base.iter().copied().chain(rest[..k].iter().map(String::as_str)).collect();
        let cand = cand.join("::");
        if modules.contains(&cand) {
            let via = rest.get(k).and_then(|item| reexported.get(&(cand.clone(), item.clone())));
            best = Some(via.cloned().unwrap_or(cand));
        }
    }
    best
}

/// Which files each file's code names. A module's own submodules are its parts, not its
/// imports (a folder is one unit: its `mod.rs` re-exports and its files use the folder's types);
/// what it re-exports counts where it is used.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = sources();
    let modules: BTreeSet<String> = src.keys().cloned().collect();
    let reexported: Reexports = src.iter().flat_map(|(m, (code, _))| reexports(m, code)).collect();
    src.iter()
        .map(|(m, (code, _))| {
            let own = format!("{m}::");
            let to = paths(code)
                .iter()
                .filter_map(|p| resolve(m, p, &modules, &reexported))
                .filter(|t| t != m && !t.is_empty() && !t.starts_with(&own))
                .collect();
            (m.clone(), to)
        })
        .collect()
}

/// A cycle of imports, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == m) {
            return Some(stack[i..].iter().cloned().chain([m.to_string()]).collect());
        }
        if done.contains(m) {
            return None;
        }
        stack.push(m.to_string());
        for next in graph.get(m).into_iter().flatten() {
            if let Some(c) = visit(next, graph, done, stack) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|m| visit(m, graph, &mut done, &mut Vec::new()))
}

#[test]
fn the_reader_finds_what_a_file_imports() {
    let code = "use super::context::{use_session, SessionCtx};\nuse crate::platform::{api::Api, model};\nlet x = crate::oauth::flow::take(&a);";
    let found = paths(code);
    assert!(found.contains(&vec!["super".into(), "context".into(), "use_session".into()]));
    assert!(found.contains(&vec!["crate".into(), "platform".into(), "api".into()]));
    assert!(found.contains(&vec!["crate".into(), "oauth".into(), "flow".into(), "take".into()]));
    let modules: BTreeSet<String> = ["app", "app::context", "oauth", "oauth::flow"].map(String::from).into();
    let none = Reexports::new();
    assert_eq!(resolve("app::effects", &found[0], &modules, &none).as_deref(), Some("app::context"));
    let take = found.iter().find(|p| p.last().is_some_and(|s| s == "take")).unwrap();
    assert_eq!(resolve("app::effects", take, &modules, &none).as_deref(), Some("oauth::flow"));
    // A group right after the head; an item re-exported by a folder's mod.rs.
    let grouped = paths("use super::{context, notice::Notice};\nuse crate::{app::use_session};");
    assert!(grouped.contains(&vec!["super".into(), "context".into()]), "{grouped:?}");
    assert!(grouped.contains(&vec!["crate".into(), "app".into()]), "{grouped:?}");
    let re = reexports("app", "pub mod context;\npub use context::{provide_session, use_session};");
    let via = vec!["crate".to_string(), "app".into(), "use_session".into()];
    assert_eq!(resolve("components::bulk", &via, &modules, &re).as_deref(), Some("app::context"));
    // Test code is left out, and only test code.
    let code = code_of(
        "use a;\n#[cfg(test)]\nmod testing;\nuse b; // c\n#[cfg(test)]\nmod tests {\n    use d;\n}\nuse e;",
    );
    assert_eq!(code, "use a;\nuse b; \nuse e;");
    // A cycle is found, and named.
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["a".to_string()])),
    ]
    .into();
    assert_eq!(cycle(&graph), Some(vec!["a".into(), "b".into(), "a".into()]));
    assert!(imports()["app::effects"].contains("app::context"), "the reader reads the real files");
}

#[test]
fn no_import_cycle() {
    assert_eq!(cycle(&imports()), None, "these files import each other");
}

#[test]
fn no_file_over_400_lines_of_code() {
    let long: Vec<String> = sources()
        .values()
        .filter(|(code, _)| code.lines().count() > 400)
        .map(|(code, path)| format!("{} ({} lines)", path.display(), code.lines().count()))
        .collect();
    assert!(long.is_empty(), "over 400 lines of non-test code: {long:?}");
}

#[test]
fn no_error_is_a_string() {
    let mut found = Vec::new();
    for (code, path) in sources().values() {
        for (at, _) in code.match_indices("Result<") {
            // The type's last argument, at its top level.
            let (mut depth, mut last) = (0, String::new());
            for c in code[at + 7..].chars() {
                match c {
                    '<' | '(' => depth += 1,
                    '>' | ')' if depth == 0 => break,
                    '>' | ')' => depth -= 1,
                    ',' if depth == 0 => {
                        last.clear();
                        continue;
                    }
                    _ => {}
                }
                last.push(c);
            }
            if last.trim() == "String" {
                found.push(path.display().to_string());
            }
        }
    }
    assert!(found.is_empty(), "a Result whose error is a String: {found:?}");
}

#[test]
fn platform_never_reads_the_clock() {
    let readers: Vec<String> = sources()
        .iter()
        .filter(|(m, (code, _))| {
            m.starts_with("platform")
                && ["now_ms()", "Date::now", "Instant::now", "SystemTime::now"]
                    .iter()
                    .any(|c| code.contains(c))
        })
        .map(|(m, _)| m.clone())
        .collect();
    assert!(readers.is_empty(), "platform reads the clock itself (take a Clock): {readers:?}");
}

#[test]
fn views_call_the_api_only_through_flows() {
    let src = sources();
    let api = &src["platform::api"].0;
    // Every endpoint method of `Api`.
    let methods: Vec<&str> = api
        .match_indices("pub async fn ")
        .map(|(i, m)| api[i + m.len()..].split('(').next().unwrap())
        .collect();
    assert!(methods.contains(&"get_client"), "the reader finds Api's endpoints");
    let callers: Vec<String> = src
        .iter()
        .filter(|(m, _)| {
            ["pages", "components", "tester::page", "tester::result"].iter().any(|v| m.starts_with(v))
        })
        .flat_map(|(m, (code, _))| {
            methods
                .iter()
                .filter(move |name| code.contains(&format!("api.{name}(")))
                .map(move |name| format!("{m}: {name}"))
        })
        .collect();
    assert!(callers.is_empty(), "views calling the API themselves (call a flow): {callers:?}");
}
