//! `make bench`: how long the clients list takes to filter per keystroke (its index built once per
//! listing, its order once per sort), at N clients (native release build; the browser's wasm runs
//! the same code somewhat slower: `bench/browser.bench.ts` measures it there).
//! Writes target/bench/filter.json.

use oauth_console::platform::listing::{filtered, sorted, Filter, Index, SortKey};
use oauth_console::platform::model::OAuthClient;
use std::time::Instant;

fn clients(n: usize) -> Vec<OAuthClient> {
    let grants = ["CODE", "TOKEN", "CLIENT-CREDENTIALS", "SAML2-BEARER"];
    (0..n)
        .map(|i| {
            serde_json::from_value(serde_json::json!({
                "id": format!("{i:08x}-6f1d-4e3a-9c1b-1a2b3c4d5e01"),
                "name": format!("Client {i} of team {}", i % 37),
                "description": format!("Integration number {i} for the {} department", ["sales", "support", "billing"][i % 3]),
                "authorizedGrantType": grants[i % 4],
                "state": if i % 10 == 0 { "disabled" } else { "active" },
                "registeredRedirectUri": [format!("https://app{i}.example.com/callback")],
                "scope": ["users:readonly", "presence", "conversations"],
                "dateCreated": format!("2026-{:02}-{:02}T10:00:00Z", 1 + i % 12, 1 + i % 28),
            }))
            .expect("client json")
        })
        .collect()
}

fn main() {
    let queries = ["c", "cl", "cli", "team 1", "support", "app42", "users:read", ""];
    let mut rows = Vec::new();
    println!("{:>6}  {:>12}  {:>12}", "N", "median µs", "max µs");
    for n in [100, 1_000, 10_000] {
        let all = clients(n);
        let index = Index::new(&all);
        let mut times = Vec::new();
        for round in 0..20 {
            let key = if round % 2 == 0 { SortKey::Name } else { SortKey::Created };
            let order = sorted(&all, &index, key, true);
            for q in queries {
                let f = Filter { query: q.into(), ..Default::default() };
                let t = Instant::now();
                let shown = filtered(&all, &index, &order, &f).len();
                times.push(t.elapsed().as_secs_f64() * 1e6);
                std::hint::black_box(shown);
            }
        }
        times.sort_by(|a, b| a.total_cmp(b));
        let (median, max) = (times[times.len() / 2], times[times.len() - 1]);
        println!("{n:>6}  {median:>12.0}  {max:>12.0}");
        rows.push(
            serde_json::json!({"clients": n, "medianMicros": median.round(), "maxMicros": max.round()}),
        );
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench");
    let out = serde_json::json!({"listFilterPerKeystroke": rows});
    std::fs::write(dir.join("filter.json"), serde_json::to_string_pretty(&out).unwrap() + "\n")
        .expect("write");
    println!("wrote {}", dir.join("filter.json").display());
}
