//! The Bluelamp server: an actix-web JSON API over diesel (SQLite or PostgreSQL), serving the
//! browser app, with an admin CLI in the same binary (see `main.rs`).

pub mod auth;
pub mod config;
pub mod db;
pub mod error;
pub mod generate;
pub mod http;
pub mod openapi;
pub mod routes;
pub mod seed;
pub mod services;
pub mod startup;
pub mod telemetry;
