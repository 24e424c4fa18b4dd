//! One file per route, named after the URL it serves.

pub mod home;
pub mod legacy;
pub mod member;
pub mod news;
pub mod not_found;
pub mod people;
pub mod post;
pub mod posts;
pub mod project;
pub mod projects;
pub mod publications;
