//! Splitting a long result list into pages, so the DOM holds one page of entries however large the
//! data grows. The page number lives in the URL (`page=N`, 1-based) next to the filter.

use crate::query::query_pairs;

/// Entries per page of a list.
pub const PER_PAGE: usize = 50;

/// One page of a list of `total` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// 1-based, clamped to the pages that exist.
    pub page: usize,
    pub pages: usize,
    /// Index range of this page's items.
    pub start: usize,
    pub end: usize,
}

impl Paging {
    /// The `page`th page (1-based; out of range values are clamped) of `total` items.
    pub fn new(total: usize, page: usize, per_page: usize) -> Paging {
        let per_page = per_page.max(1);
        let pages = total.div_ceil(per_page).max(1);
        let page = page.clamp(1, pages);
        let start = (page - 1) * per_page;
        Paging {
            page,
            pages,
            start,
            end: (start + per_page).min(total),
        }
    }
}

/// The `page` parameter of a query string: a positive integer, 1 when absent or malformed.
pub fn page_param(query: &str) -> usize {
    query_pairs(query)
        .into_iter()
        .find(|(k, _)| k == "page")
        .and_then(|(_, v)| {
            (v.len() <= 9 && !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                .then(|| v.parse().ok())
                .flatten()
        })
        .filter(|&n: &usize| n >= 1)
        .unwrap_or(1)
}

/// `base_href` (a path with an optional query) pointing at page `page`; page 1 has no parameter.
pub fn page_href(base_href: &str, page: usize) -> String {
    if page <= 1 {
        return base_href.to_string();
    }
    let sep = if base_href.contains('?') { '&' } else { '?' };
    format!("{base_href}{sep}page={page}")
}

/// Where a list's entries sit on the page, measured in a frame that showed them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ListGeometry {
    /// From the top of the document to the top of the first entry, in CSS pixels.
    pub top: f64,
    /// Height of the shortest entry measured.
    pub shortest: f64,
}

impl ListGeometry {
    /// What is assumed before a measurement: the list at the top of the document and entries of
    /// 90 px, shorter than any news or publication entry the site draws (13 entries for a window
    /// 900 px tall).
    pub const UNMEASURED: ListGeometry = ListGeometry {
        top: 0.0,
        shortest: 90.0,
    };

    /// This measurement and an earlier one of the same list: the new top, the shorter entry.
    pub fn and(self, earlier: Option<ListGeometry>) -> ListGeometry {
        ListGeometry {
            top: self.top,
            shortest: earlier.map_or(self.shortest, |e| e.shortest.min(self.shortest)),
        }
    }
}

/// How many entries a window scrolled to `scroll_y` and `height` tall can show of a list laid out
/// as `geometry`: the entries between the list's top and the window's bottom, the last one partly
/// shown, counted as a fifth shorter than the shortest measured (the next ones may be shorter
/// still). At least 1, at most [`PER_PAGE`]; a page whole when the numbers make no sense.
pub fn screenful(geometry: ListGeometry, scroll_y: f64, height: f64) -> usize {
    let shortest = geometry.shortest * 0.8;
    let room = scroll_y + height - geometry.top;
    if !(shortest >= 1.0 && room.is_finite()) {
        return PER_PAGE;
    }
    if room <= 0.0 {
        return 1;
    }
    (room / shortest).ceil().min(PER_PAGE as f64) as usize
}

/// How many of `page` (the entries a list should now show, in order) to put on screen in the
/// frame that follows a change, when `shown` is what it showed before: the first `screenful`, and
/// after them every entry that was already on screen (keeping those costs nothing), up to the
/// first new one. A change that only removes or keeps entries is shown whole at once; one that
/// brings many new entries builds the first screenful now and the rest once that is painted.
pub fn first_frame(page: &[usize], shown: &[usize], screenful: usize) -> usize {
    let mut n = screenful.min(page.len());
    while n < page.len() && shown.contains(&page[n]) {
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_page_of_entries_starts_with_a_screenful() {
        let page: Vec<usize> = (100..150).collect();
        let before: Vec<usize> = (0..50).collect();
        assert_eq!(first_frame(&page, &before, 16), 16);
        // Fewer entries than a screenful: all of them.
        assert_eq!(first_frame(&page[..5], &before, 16), 5);
        assert_eq!(first_frame(&[], &before, 16), 0);
    }

    #[test]
    fn entries_already_on_screen_are_kept_after_the_screenful() {
        let before: Vec<usize> = (0..50).collect();
        // Narrowing: the same entries minus some, all already on screen.
        let narrowed: Vec<usize> = (0..50).filter(|i| i % 3 != 0).collect();
        assert_eq!(first_frame(&narrowed, &before, 16), narrowed.len());
        // The same list: whole.
        assert_eq!(first_frame(&before, &before, 16), 50);
        // New entries after position 20 stop the run there.
        let mixed: Vec<usize> = (0..20).chain(200..230).collect();
        assert_eq!(first_frame(&mixed, &before, 16), 20);
        // A new entry inside the screenful does not matter; the run after it does.
        let front: Vec<usize> = [900].into_iter().chain(0..49).collect();
        assert_eq!(first_frame(&front, &before, 16), 50);
    }

    #[test]
    fn a_screenful_is_what_fits_below_the_top_of_the_list() {
        let g = ListGeometry {
            top: 300.0,
            shortest: 100.0,
        };
        // 600 px of list in a 900 px window: 7.5 entries of 80 px, so 8, the last partly shown.
        assert_eq!(screenful(g, 0.0, 900.0), 8);
        // Scrolled down by 400 px: 1000 px of list.
        assert_eq!(screenful(g, 400.0, 900.0), 13);
        // The list starts below the window: one entry all the same.
        assert_eq!(screenful(g, 0.0, 200.0), 1);
        // Far down, or with tiny entries: the page whole, never more.
        assert_eq!(screenful(g, 50_000.0, 900.0), PER_PAGE);
        let tiny = ListGeometry {
            top: 0.0,
            shortest: 0.5,
        };
        assert_eq!(screenful(tiny, 0.0, 900.0), PER_PAGE);
        assert_eq!(screenful(g, f64::NAN, 900.0), PER_PAGE);
        assert_eq!(screenful(g, 0.0, f64::INFINITY), PER_PAGE);
    }

    #[test]
    fn before_a_measurement_entries_are_taken_to_be_short() {
        assert_eq!(screenful(ListGeometry::UNMEASURED, 0.0, 900.0), 13);
        assert_eq!(
            screenful(ListGeometry::UNMEASURED, 5_000.0, 900.0),
            PER_PAGE
        );
    }

    #[test]
    fn measurements_keep_the_shortest_entry() {
        let a = ListGeometry {
            top: 300.0,
            shortest: 120.0,
        };
        let b = ListGeometry {
            top: 320.0,
            shortest: 150.0,
        };
        assert_eq!(
            b.and(Some(a)),
            ListGeometry {
                top: 320.0,
                shortest: 120.0
            }
        );
        assert_eq!(a.and(None), a);
    }

    #[test]
    fn pages_cover_every_item_once() {
        let p = Paging::new(120, 1, 50);
        assert_eq!((p.page, p.pages, p.start, p.end), (1, 3, 0, 50));
        let p = Paging::new(120, 3, 50);
        assert_eq!((p.start, p.end), (100, 120));
        let p = Paging::new(120, 9, 50);
        assert_eq!(
            (p.page, p.start, p.end),
            (3, 100, 120),
            "past the end clamps to the last page"
        );
        let p = Paging::new(0, 1, 50);
        assert_eq!((p.page, p.pages, p.start, p.end), (1, 1, 0, 0));
        let p = Paging::new(23, 0, 50);
        assert_eq!((p.page, p.end), (1, 23));
        for total in [0, 1, 49, 50, 51, 100_000] {
            let pages = Paging::new(total, 1, 50).pages;
            let covered: usize = (1..=pages)
                .map(|n| {
                    let p = Paging::new(total, n, 50);
                    p.end - p.start
                })
                .sum();
            assert_eq!(covered, total);
        }
    }

    #[test]
    fn page_parameter() {
        assert_eq!(page_param("year=2024&page=3"), 3);
        assert_eq!(page_param("?page=2"), 2);
        assert_eq!(page_param(""), 1);
        for bad in [
            "page=0",
            "page=-1",
            "page=abc",
            "page=",
            "page=99999999999999",
            "page=1.5",
        ] {
            assert_eq!(page_param(bad), 1, "{bad}");
        }
    }

    #[test]
    fn page_links() {
        assert_eq!(page_href("/news", 1), "/news");
        assert_eq!(page_href("/news", 2), "/news?page=2");
        assert_eq!(page_href("/news?year=2024", 4), "/news?year=2024&page=4");
    }
}
