//! `sandbox-org [--host 127.0.0.1] [--port 8787] [--implicit-policy retired|open] [--idle-timeout-seconds N]
//! [--org-name NAME --org-id ID]`

use sandbox_org::{serve, ImplicitPolicy, Sandbox, SandboxSettings};

const USAGE: &str = "usage: sandbox-org [--host 127.0.0.1] [--port 8787] [--implicit-policy retired|open] \
     [--idle-timeout-seconds N] [--org-name NAME --org-id ID]";

fn main() {
    let mut host = "127.0.0.1".to_string();
    let mut port: u16 = 8787;
    let mut settings = SandboxSettings::default();
    let (mut org_name, mut org_id) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next().unwrap_or_else(|| {
                eprintln!("{name} needs a value\n{USAGE}");
                std::process::exit(2)
            })
        };
        match arg.as_str() {
            "--host" => host = value("--host"),
            "--port" => port = value("--port").parse().unwrap_or_else(|_| fail("--port takes a number")),
            "--implicit-policy" => {
                settings.implicit_policy = match value("--implicit-policy").as_str() {
                    "retired" => ImplicitPolicy::Retired,
                    "open" => ImplicitPolicy::Open,
                    _ => fail("--implicit-policy is retired or open"),
                }
            }
            "--idle-timeout-seconds" => {
                settings.idle_timeout_s = Some(
                    value("--idle-timeout-seconds")
                        .parse()
                        .unwrap_or_else(|_| fail("--idle-timeout-seconds takes a number")),
                )
            }
            "--org-name" => org_name = Some(value("--org-name")),
            "--org-id" => org_id = Some(value("--org-id")),
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            other => fail(&format!("unknown argument {other}")),
        }
    }
    match (org_name, org_id) {
        (Some(name), Some(id)) => sandbox_org::org::set_identity(&id, &name),
        (None, None) => {}
        _ => fail("--org-name and --org-id go together"),
    }
    // The console reaches an org on another address as custom URLs, and comes back to its
    // callback route for that server: `callback/` and 12 hex digits of SHA-256 over
    // "<authorize endpoint> <token endpoint>" (the console's README).
    let tag: String = {
        use sha2::{Digest, Sha256};
        let endpoints = format!("http://{host}:{port}/oauth/authorize http://{host}:{port}/oauth/token");
        Sha256::digest(endpoints.as_bytes()).iter().take(6).map(|b| format!("{b:02x}")).collect()
    };
    settings.console_callbacks =
        sandbox_org::org::CONSOLE_REDIRECTS.iter().map(|base| format!("{base}callback/{tag}")).collect();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    rt.block_on(async move {
        let addr = format!("{host}:{port}");
        let listener = tokio::net::TcpListener::bind(&addr).await.unwrap_or_else(|e| {
            fail(&format!("cannot listen on {addr}: {e} (is another sandbox org running?)"))
        });
        let bound = listener.local_addr().map(|a| a.to_string()).unwrap_or(addr);
        println!("sandbox org listening on http://{bound} (implicit policy: {:?})", settings.implicit_policy);
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        if let Err(e) = serve(listener, Sandbox::new(settings), shutdown).await {
            fail(&format!("server error: {e}"));
        }
    });
}

fn fail(msg: &str) -> ! {
    eprintln!("sandbox-org: {msg}\n{USAGE}");
    std::process::exit(2)
}
