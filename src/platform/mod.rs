//! The Genesys Cloud Platform API: typed models, one function per endpoint, typed errors.

pub mod api;
pub mod error;
pub mod model;
pub mod rules;
