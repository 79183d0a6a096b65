//! The Bluelamp server: an actix-web JSON API over diesel (SQLite or PostgreSQL), serving the
//! browser app, with an admin CLI in the same binary (see `main.rs`).

pub mod admin;
pub mod case;
pub mod config;
pub mod custody;
pub mod db;
pub mod error;
pub mod generate;
pub mod health;
pub mod http;
pub mod index;
pub mod intelligence;
pub mod investigation;
pub mod kernel;
pub mod openapi;
pub mod retention;
pub mod routes;
pub mod seed;
pub mod startup;
pub mod telemetry;
pub mod views;
