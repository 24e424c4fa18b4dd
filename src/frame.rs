//! Work that waits for the next frame to be painted, so an input's visible answer comes first.

/// Runs `f` in a task after the next frame has been painted: a timeout set from that frame's
/// animation-frame callback runs once the frame's style, layout and paint are done. Without a
/// browser (pages rendered ahead of time) nothing is painted, and `f` never runs.
#[cfg(feature = "csr")]
pub fn after_paint(f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
    });
}

#[cfg(not(feature = "csr"))]
pub fn after_paint(_: impl FnOnce() + 'static) {}
