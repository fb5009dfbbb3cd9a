//! The local sandbox org (`tests/sandbox-org`) is part of a build only with the cargo feature
//! `sandbox`, which `make serve` and the tests turn on. A build without it (`make dist`, what an
//! org deploys) neither offers it nor takes a loopback host for it, refuses it in anything
//! stored, and its Content-Security-Policy names none of its hosts (`scripts/headers.mjs`).

use super::{CustomUrls, EnvError, EnvField, Environment, RegionName, ServerUrls};
use serde::{Deserialize, Serialize};

/// Is the local sandbox org built in?
pub const SANDBOX_BUILT_IN: bool = cfg!(feature = "sandbox");

/// The sandbox org, in a build that has it (`built_in`); why not otherwise.
pub fn sandbox_in(built_in: bool) -> Result<Environment, EnvError> {
    if built_in {
        Ok(Environment::Sandbox)
    } else {
        Err(EnvError {
            field: EnvField::Region,
            message:
                "The local sandbox org is not part of this build of the console (it comes with `make serve`)."
                    .into(),
        })
    }
}

/// An environment as stored: the same shape, read back only as what this build has.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Stored {
    Region { name: RegionName },
    Sandbox,
    Custom(CustomUrls),
    Server(ServerUrls),
}

impl Stored {
    /// The environment stored, when a build with or without the sandbox (`built_in`) has it.
    pub(super) fn read(self, built_in: bool) -> Result<Environment, EnvError> {
        Ok(match self {
            Stored::Region { name } => Environment::Region { name },
            Stored::Sandbox => sandbox_in(built_in)?,
            Stored::Custom(c) => Environment::Custom(c),
            Stored::Server(s) => Environment::Server(s),
        })
    }
}

impl TryFrom<Stored> for Environment {
    type Error = EnvError;
    fn try_from(s: Stored) -> Result<Environment, EnvError> {
        s.read(SANDBOX_BUILT_IN)
    }
}

impl From<Environment> for Stored {
    fn from(e: Environment) -> Stored {
        match e {
            Environment::Region { name } => Stored::Region { name },
            Environment::Sandbox => Stored::Sandbox,
            Environment::Custom(c) => Stored::Custom(c),
            Environment::Server(s) => Stored::Server(s),
        }
    }
}

impl Environment {
    /// The environment the app picks by itself in a build with or without the sandbox
    /// (`built_in`): the sandbox org when it has it and is served from a loopback host, otherwise
    /// the default region.
    pub fn default_for(hostname: &str, built_in: bool) -> Environment {
        match sandbox_in(built_in) {
            Ok(sandbox) if super::is_loopback_host(hostname) => sandbox,
            _ => Environment::default_region(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_the_sandbox_a_build_neither_picks_nor_reads_it() {
        assert_eq!(Environment::default_for("127.0.0.1", true), Environment::Sandbox);
        assert_eq!(Environment::default_for("localhost", true), Environment::Sandbox);
        assert_eq!(Environment::default_for("console.example.com", true), Environment::default_region());
        for host in ["127.0.0.1", "localhost", "[::1]", "console.example.com"] {
            assert_eq!(Environment::default_for(host, false), Environment::default_region(), "{host}");
        }
        let stored = |json: &str| serde_json::from_str::<Stored>(json).unwrap();
        assert_eq!(stored(r#""sandbox""#).read(true), Ok(Environment::Sandbox));
        let refused = stored(r#""sandbox""#).read(false).unwrap_err();
        assert!(refused.message.contains("not part of this build"), "{refused}");
        // Every other environment reads the same either way.
        let region = r#"{"region":{"name":"eu-west-1"}}"#;
        assert_eq!(stored(region).read(false), Ok(Environment::region("eu-west-1").unwrap()));
        assert_eq!(stored(region).read(true), stored(region).read(false));
        assert!(sandbox_in(false).is_err() && sandbox_in(true) == Ok(Environment::Sandbox));
    }

    #[test]
    fn this_build_reads_what_it_writes() {
        let json = serde_json::to_string(&Environment::Sandbox).unwrap();
        assert_eq!(json, r#""sandbox""#);
        assert_eq!(serde_json::from_str::<Environment>(&json).is_ok(), SANDBOX_BUILT_IN);
    }
}
