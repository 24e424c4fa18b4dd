//! The app shell: loads the data once, shares it through context, and routes.

use crate::components::title::Title;
use lab_model::validate::Problem;
use lab_model::Site;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};

use crate::api::{fetch_site, FetchError};
use crate::components::error_panel::ErrorPanel;
use crate::components::notices::Notices;
use crate::components::picture::Picture;
use crate::components::site_search::{OpenSiteSearch, SiteSearch};
use crate::components::theme_toggle::ThemeToggle;
use crate::paths;
use crate::routes::{
    home::Home, legacy, member::MemberPage, news::NewsPage, not_found::NotFound, people::People,
    post::PostPage, posts::PostsPage, project::ProjectPage, projects::Projects,
    publications::Publications,
};
use lab_model::Loaded;

/// Where the data stands.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    Loading,
    Failed(FetchError),
    Ready { site: Site, notices: Vec<Problem> },
}

impl From<Result<Loaded, FetchError>> for LoadState {
    fn from(result: Result<Loaded, FetchError>) -> Self {
        match result {
            Ok(loaded) => LoadState::Ready {
                site: loaded.site,
                notices: loaded.notices,
            },
            Err(e) => LoadState::Failed(e),
        }
    }
}

/// Automatic attempts after a failed load, and the wait before each.
const AUTO_RETRIES: u32 = 1;
const AUTO_RETRY_DELAY: std::time::Duration = std::time::Duration::from_secs(3);

/// The loaded site, for views rendered under a ready state.
pub fn use_site() -> Site {
    let state = expect_context::<ReadSignal<LoadState>>();
    match state.get_untracked() {
        LoadState::Ready { site, .. } => site,
        _ => unreachable!("routes render only once the data is ready"),
    }
}

/// The whole site in a given load state. The browser starts it with the result of the first
/// fetch; the static page generator with the data it renders.
#[component]
pub fn App(initial: LoadState) -> impl IntoView {
    let (state, set_state) = signal(initial);
    provide_context(state);
    provide_context(OpenSiteSearch(RwSignal::new(0)));

    let load = move || {
        set_state.set(LoadState::Loading);
        spawn_local(async move {
            set_state.set(LoadState::from(fetch_site().await));
        });
    };

    // After a failure that may pass, the site tries once more by itself, then waits for the
    // visitor's retry.
    let auto_retries = StoredValue::new(AUTO_RETRIES);
    let retrying = RwSignal::new(false);
    Effect::new(move |_| {
        let transient = matches!(state.get(), LoadState::Failed(e) if e.is_transient());
        if transient && auto_retries.get_value() > 0 {
            auto_retries.update_value(|n| *n -= 1);
            retrying.set(true);
            set_timeout(
                move || {
                    retrying.set(false);
                    if matches!(state.get_untracked(), LoadState::Failed(_)) {
                        load();
                    }
                },
                AUTO_RETRY_DELAY,
            );
        }
    });

    let short_name = move || match state.get() {
        LoadState::Ready { site, .. } => site.data().lab.short_name.clone(),
        _ => "SAIL".to_string(),
    };
    // A lab without posts has no Posts link.
    let has_posts =
        move || matches!(state.get(), LoadState::Ready { site, .. } if !site.posts().is_empty());
    let logo = move || {
        match state.get() {
        LoadState::Ready { site, .. } => site.data().lab.logo.clone().map(|src| {
            view! { <Picture site=site.clone() src=src width=32 height=32 class="brand-logo" lazy=false/> }
        }),
        _ => None,
    }
    };

    view! {
        <Router base=paths::base()>
            <SkipLink/>
            <header class="site-header">
                <div class="bar">
                    <a href=paths::href("/") class="brand">{logo}<span>{short_name}</span></a>
                    <nav aria-label="Main">
                        <ul>
                            <li><NavLink path="/news" label="News"/></li>
                            <li><NavLink path="/people" label="People"/></li>
                            <li><NavLink path="/publications" label="Publications"/></li>
                            <li><NavLink path="/projects" label="Projects"/></li>
                            {move || has_posts().then(|| view! { <li><NavLink path="/posts" label="Posts"/></li> })}
                        </ul>
                    </nav>
                    <div class="tools">
                        <SiteSearch/>
                        <ThemeToggle/>
                    </div>
                </div>
            </header>
            <FocusOnNavigation/>
            <RememberHistory/>
            <main id="main" tabindex="-1">
                {move || match state.get() {
                    // Either, not AnyView: an AnyView would compile in tachys' async hydration for
                    // every view under it (about 250 KB of wasm), which this app never runs.
                    LoadState::Loading => EitherOf3::A(view! {
                        <Title text="Loading…"/>
                        <div class="loading" role="status" aria-live="polite">
                            <span class="spinner" aria-hidden="true"></span>
                            "Loading the lab's news, people and publications…"
                        </div>
                    }),
                    LoadState::Failed(error) => EitherOf3::B(view! {
                        <Title text="Could not load the site"/>
                        <ErrorPanel error=error on_retry=load retrying=retrying.into()/>
                    }),
                    LoadState::Ready { notices, .. } => EitherOf3::C(view! {
                        <Notices notices=notices/>
                        <AppRoutes/>
                    }),
                }}
            </main>
            <footer class="site-footer">
                {move || match state.get() {
                    LoadState::Ready { site, .. } => Some(footer_content(&site.data().lab)),
                    _ => None,
                }}
            </footer>
        </Router>
    }
}

/// The footer: the lab and its institution, then the lab's own links (those the data sets) and
/// the Atom feed.
fn footer_content(lab: &lab_model::Lab) -> impl IntoView {
    let links = lab
        .links
        .followable()
        .into_iter()
        .filter(|(key, _, _)| matches!(*key, "homepage" | "github" | "email"))
        .map(|(key, label, url)| {
            let external = (key != "email").then_some("noopener noreferrer external");
            view! { <li><a class=format!("link-{key}") href=url rel=external>{label}</a></li> }
        })
        .collect_view();
    view! {
        <p class="footer-lab">{format!("{} · {}", lab.name, lab.institution)}</p>
        <nav aria-label="Footer">
            <ul class="footer-links">
                {links}
                <li><a class="link-feed" href=paths::href("/feed.xml") type="application/atom+xml">"Atom feed"</a></li>
            </ul>
        </nav>
    }
}

/// Moves keyboard focus to the main content when the page (not just its filters) changes, so a
/// screen reader or keyboard user starts at the new content, as after a full page load.
#[component]
fn FocusOnNavigation() -> impl IntoView {
    let location = use_location();
    let previous = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        // `/news/` (a static page's address) and `/news` are the same page.
        let path = location.pathname.get().trim_end_matches('/').to_string();
        let changed = previous.get_value().is_some_and(|p| p != path);
        previous.set_value(Some(path));
        if changed {
            focus_main();
        }
    });
}

/// Back and Forward restore the scroll position and the focus (see [`crate::history`]).
#[component]
fn RememberHistory() -> impl IntoView {
    crate::history::remember();
}

/// Puts keyboard focus on the main content (it has `tabindex="-1"`).
fn focus_main() {
    if let Some(main) = document().get_element_by_id("main") {
        if let Ok(main) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main) {
            _ = main.focus();
        }
    }
}

/// "Skip to content": moves focus to the main content of this page. Its address is this page's
/// own `#main` (a bare `#main` would resolve against `<base href>`, the home page); in the app a
/// click handler moves the focus, as the router would otherwise treat it as a navigation.
#[component]
fn SkipLink() -> impl IntoView {
    let location = use_location();
    let href = move || format!("{}#main", location.pathname.get());
    view! {
        <a class="skip-link" href=href on:click=|ev| {
            ev.prevent_default();
            focus_main();
        }>"Skip to content"</a>
    }
}

/// A main navigation link, marked as the current page for its route and the routes below it
/// (a profile counts as People).
#[component]
fn NavLink(path: &'static str, label: &'static str) -> impl IntoView {
    let location = use_location();
    let current = move || {
        let here = location.pathname.get();
        let here = here
            .strip_prefix(paths::base())
            .unwrap_or(&here)
            .trim_end_matches('/')
            .to_string();
        let active = here == path
            || here.starts_with(&format!("{path}/"))
            || (path == "/people" && here.starts_with("/members/"));
        active.then_some("page")
    };
    view! { <a href=paths::href(path) aria-current=current>{label}</a> }
}

/// Every route of the site. The old Jekyll site's URLs (`/team`, `/research`, `/blog`) keep working.
#[component]
fn AppRoutes() -> impl IntoView {
    use lab_model::routes::Route;
    use leptos::either::EitherOf14 as View;
    let location = use_location();
    // Only a change of route renders anew: filters change the query, not the route.
    let route = Memo::new(move |_| Route::under(paths::base(), &location.pathname.get()));
    // The router puts a new path in the address bar only once the routes say its view is
    // ready (for routes that load); ours render at once, so they say it when the path changes.
    if let Some(browser) = use_context::<BrowserUrl>() {
        Effect::new(move |_| {
            location.pathname.track();
            browser.ready_to_complete();
        });
    }
    move || match route.get() {
        Route::Home => View::A(view! { <Home/> }),
        Route::News => View::B(view! { <NewsPage/> }),
        Route::People => View::C(view! { <People/> }),
        Route::Member(slug) => View::D(view! { <MemberPage slug=slug/> }),
        Route::Publications => View::E(view! { <Publications/> }),
        Route::Projects => View::F(view! { <Projects/> }),
        Route::Project(slug) => View::G(view! { <ProjectPage slug=slug/> }),
        Route::Team => View::H(view! { <legacy::Team/> }),
        Route::Research => View::I(view! { <legacy::Research/> }),
        Route::Blog => View::J(view! { <legacy::Blog/> }),
        Route::Posts => View::K(view! { <PostsPage/> }),
        Route::Post(slug) => View::L(view! { <PostPage slug=slug/> }),
        Route::JekyllPost => View::M(view! { <legacy::JekyllPost/> }),
        Route::NotFound => View::N(view! { <NotFound/> }),
    }
}
