pub mod offsets;
pub mod segment;
