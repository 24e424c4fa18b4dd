//! Entry point: mounts the app on `<body>`.

mod api;
mod app;
mod components;
mod paths;
mod routes;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
