//! Small reusable views, one concept each.

pub mod avatar;
pub mod bibtex;
pub mod error_panel;
pub mod facets;
pub mod filtered_list;
pub mod find_instead;
pub mod link_buttons;
pub mod member_card;
pub mod news_entry;
pub mod not_found_item;
pub mod notices;
pub mod picture;
pub mod post_entry;
pub mod project_card;
pub mod publication_entry;
pub mod rich_text;
pub mod search_box;
pub mod site_search;
pub mod theme_toggle;
pub mod title;
pub mod topic_chips;
