pub mod config;
pub mod offsets;
pub mod schema;
