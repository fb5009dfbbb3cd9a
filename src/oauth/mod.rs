//! Browser sign-in, the one home of the flow for the admin session and the Tester alike:
//! authorize URLs, the callback, pending records, PKCE, the session, and [`flow`] that ties them.

pub mod authorize;
pub mod callback;
pub mod flow;
pub mod pending;
pub mod pkce;
pub mod session;
pub mod sessions;
pub mod shelf;
pub mod store;
pub mod verify;
