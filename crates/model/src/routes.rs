//! Which view an address opens. The app matches its own routes rather than through
//! `leptos_router`'s `<Routes>`, which turns every route's view into an `AnyView` and so compiles
//! tachys' async hydration of the whole app into the wasm (about 100 KB gzip) for nothing.

/// A route of the app, from the path below the base path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    News,
    People,
    /// `/members/<slug>`; the lab-website-template's `/members/<slug>.html` too.
    Member(String),
    Publications,
    Projects,
    Project(String),
    Posts,
    Post(String),
    /// The lab-website-template's `/team`, `/research` and `/blog`.
    Team,
    Research,
    Blog,
    /// Any four-part path, as a Jekyll post address (`/YYYY/MM/DD/slug.html`); the view decides.
    JekyllPost,
    NotFound,
}

impl Route {
    /// The route of `path`, the address's path below the base path. A trailing slash (the
    /// static pages' addresses end in one) and empty segments do not count.
    pub fn of(path: &str) -> Route {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["news"] => Route::News,
            ["people"] => Route::People,
            ["members", slug] => {
                Route::Member(slug.strip_suffix(".html").unwrap_or(slug).to_string())
            }
            ["publications"] => Route::Publications,
            ["projects"] => Route::Projects,
            ["projects", slug] => Route::Project(slug.to_string()),
            ["posts"] => Route::Posts,
            ["posts", slug] => Route::Post(slug.to_string()),
            ["team"] => Route::Team,
            ["research"] => Route::Research,
            ["blog"] => Route::Blog,
            [_, _, _, _] => Route::JekyllPost,
            _ => Route::NotFound,
        }
    }

    /// The route of a full address path served under `base` (`""` or `"/sail"`); a path outside
    /// the base is not found.
    pub fn under(base: &str, path: &str) -> Route {
        match path.strip_prefix(base) {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => Route::of(rest),
            _ => Route::NotFound,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn list_pages_with_or_without_trailing_slash() {
        for (path, route) in [
            ("/", Route::Home),
            ("", Route::Home),
            ("/news", Route::News),
            ("/news/", Route::News),
            ("/people/", Route::People),
            ("/publications", Route::Publications),
            ("/projects/", Route::Projects),
            ("/posts", Route::Posts),
            ("/team/", Route::Team),
            ("/research", Route::Research),
            ("/blog/", Route::Blog),
        ] {
            assert_eq!(Route::of(path), route, "{path}");
        }
    }

    #[test]
    fn item_pages_carry_their_slug() {
        assert_eq!(
            Route::of("/members/amey-agrawal/"),
            Route::Member("amey-agrawal".into())
        );
        assert_eq!(
            Route::of("/members/amey-agrawal.html"),
            Route::Member("amey-agrawal".into())
        );
        assert_eq!(Route::of("/projects/vidur"), Route::Project("vidur".into()));
        assert_eq!(Route::of("/posts/compofa/"), Route::Post("compofa".into()));
    }

    #[test]
    fn four_parts_are_a_jekyll_post_and_anything_else_is_not_found() {
        assert_eq!(Route::of("/2021/04/28/compofa.html"), Route::JekyllPost);
        for path in [
            "/nope",
            "/members",
            "/members/a/b",
            "/news/2024",
            "/a/b/c/d/e",
        ] {
            assert_eq!(Route::of(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn the_base_path_is_stripped_and_required() {
        assert_eq!(Route::under("/sail", "/sail/news/"), Route::News);
        assert_eq!(Route::under("/sail", "/sail"), Route::Home);
        assert_eq!(Route::under("", "/people"), Route::People);
        assert_eq!(Route::under("/sail", "/sailing/news"), Route::NotFound);
        assert_eq!(Route::under("/sail", "/news"), Route::NotFound);
    }
}
