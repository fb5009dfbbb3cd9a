//! The running app's state, above `oauth` and `platform`: the session in context, what the user
//! is told, remembered choices, and the session-bound way to call the API.

pub mod context;
mod effects;
pub mod fix_link;
pub mod held;
pub mod identity;
pub mod idle;
pub mod notice;
pub mod places;
pub mod prefs;
pub mod remote;
pub mod start;
pub mod status;
pub mod switch;

pub use context::{provide_session, use_session, SessionCtx};
pub use notice::Notice;
pub use status::Status;
