//! Browser entry point (the `csr` build Trunk makes).

fn main() {
    #[cfg(feature = "csr")]
    sail_site::start();
}
