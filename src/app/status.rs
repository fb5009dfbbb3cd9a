//! Where the admin session stands, as the pages show it: what it is busy with, and one status
//! from that and the session's phase.

use crate::oauth::session::Phase;

/// What the session is busy with (shown as progress).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    Opening,
    /// An admin sign-in the login host sent this page back with, completing as the page opens
    /// (the page shows its progress alone).
    Landing,
    /// Any other response completing: the Tester's, or one pasted into the address bar (the
    /// page stays as it is, with a progress line).
    Completing,
    Checking,
    SigningOut,
}

impl Busy {
    pub fn label(self) -> &'static str {
        match self {
            Busy::Opening => "Opening the sign-in page…",
            Busy::Landing | Busy::Completing => "Completing sign-in…",
            Busy::Checking => "Checking your session…",
            Busy::SigningOut => "Signing out…",
        }
    }
}

/// Where the admin session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Anonymous,
    SigningIn,
    SignedIn,
    /// Signed in, with less than five minutes left.
    Ending,
    SigningOut,
}

impl Status {
    /// One status from what the session is busy with, whether there is a session, and its phase.
    pub fn of(busy: Option<Busy>, phase: Option<Phase>) -> Status {
        match (busy, phase) {
            (Some(Busy::SigningOut), _) => Status::SigningOut,
            // Signing in again from the five-minute warning: the warning stays until the new
            // session replaces this one.
            (_, Some(Phase::Ending)) => Status::Ending,
            (Some(Busy::Opening | Busy::Landing | Busy::Completing), _) => Status::SigningIn,
            (_, None | Some(Phase::Expired)) => Status::Anonymous,
            (_, Some(Phase::Fresh)) => Status::SignedIn,
        }
    }
}

/// How long a sandbox org's "I answer" is trusted before a sign-in asks again.
pub const SANDBOX_ANSWER_TRUSTED_MS: u64 = 15_000;

/// What the local sandbox org said when last asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SandboxAnswer {
    /// The base URL asked.
    pub base: String,
    pub up: bool,
    pub at_ms: u64,
}

impl SandboxAnswer {
    /// Did the sandbox org at `base` answer, lately (an answer older than
    /// [`SANDBOX_ANSWER_TRUSTED_MS`] is asked again)?
    pub fn trusted_up(&self, base: &str, now_ms: u64) -> bool {
        self.base == base && self.up && now_ms.saturating_sub(self.at_ms) < SANDBOX_ANSWER_TRUSTED_MS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sandbox_answer_is_trusted_for_its_base_while_fresh() {
        let a = SandboxAnswer { base: "http://127.0.0.1:8787".into(), up: true, at_ms: 1_000 };
        assert!(a.trusted_up("http://127.0.0.1:8787", 1_000 + SANDBOX_ANSWER_TRUSTED_MS - 1));
        assert!(!a.trusted_up("http://127.0.0.1:8787", 1_000 + SANDBOX_ANSWER_TRUSTED_MS));
        assert!(!a.trusted_up("http://127.0.0.1:8789", 1_001));
        assert!(!SandboxAnswer { up: false, ..a }.trusted_up("http://127.0.0.1:8787", 1_001));
    }

    #[test]
    fn one_status_from_busy_and_phase() {
        assert_eq!(Status::of(None, None), Status::Anonymous);
        assert_eq!(Status::of(Some(Busy::Opening), None), Status::SigningIn);
        assert_eq!(Status::of(Some(Busy::Completing), Some(Phase::Fresh)), Status::SigningIn);
        assert_eq!(Status::of(Some(Busy::Landing), None), Status::SigningIn);
        assert_eq!(Status::of(Some(Busy::Checking), Some(Phase::Fresh)), Status::SignedIn);
        assert_eq!(Status::of(None, Some(Phase::Ending)), Status::Ending);
        assert_eq!(Status::of(None, Some(Phase::Expired)), Status::Anonymous);
        assert_eq!(Status::of(Some(Busy::SigningOut), Some(Phase::Fresh)), Status::SigningOut);
        assert_eq!(Status::of(Some(Busy::Opening), Some(Phase::Ending)), Status::Ending, "signing in again");
    }
}
