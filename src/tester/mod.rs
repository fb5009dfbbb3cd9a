//! The Login tester: the run model and its judgement ([`run`]), the runs of this tab
//! ([`runs`]), the page ([`page`]) and a popup run's answer on its way back ([`handover`]).

pub mod advice;
pub mod came_back;
pub mod csp;
pub mod discovery;
pub mod discovery_box;
pub mod doctor;
pub mod handover;
pub mod inbox;
pub mod page;
pub mod popup_run;
pub mod prefill;
pub mod preflight;
pub mod result;
pub mod run;
pub mod runs;
pub mod trace;
pub mod trace_svg;
pub mod trace_view;
