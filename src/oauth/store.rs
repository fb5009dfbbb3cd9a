//! Where the sign-in flow keeps its state in this tab: the pending sign-ins, the admin
//! session shown, the sessions kept beside it, and who started the last sign-in (all in
//! sessionStorage, never localStorage).

use super::pending::{Owner, Pending, PendingStore};
use super::session::Session;
use crate::browser::storage::{self, Key};

const PENDING: Key<PendingStore> = Key::tab(&storage::PENDING);
const SESSION: Key<Session> = Key::tab(&storage::SESSION);
const SHELF: Key<Vec<Session>> = Key::tab(&storage::SHELF);
const LAST_OWNER: Key<Owner> = Key::tab(&storage::LAST_OWNER);

pub fn load_pending() -> PendingStore {
    PENDING.load().unwrap_or_default()
}

pub fn save_pending(store: &PendingStore) {
    PENDING.save(store);
}

pub fn add_pending(p: Pending, now_ms: u64) {
    let mut store = load_pending();
    store.insert(p, now_ms);
    save_pending(&store);
}

pub fn remember_owner(owner: Owner) {
    LAST_OWNER.save(&owner);
}

pub fn last_owner() -> Option<Owner> {
    LAST_OWNER.load()
}

pub fn load_session() -> Option<Session> {
    SESSION.load()
}

pub fn save_session(s: &Session) {
    SESSION.save(s);
}

pub fn clear_session() {
    SESSION.remove();
}

/// The sessions kept beside the one shown ([`super::shelf`]).
pub fn load_shelf() -> Vec<Session> {
    SHELF.load().unwrap_or_default()
}

pub fn save_shelf(shelf: &[Session]) {
    if shelf.is_empty() {
        SHELF.remove();
    } else {
        SHELF.save(&shelf.to_vec());
    }
}
